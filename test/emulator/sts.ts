// Real role credentials from a running moto_server: STS AssumeRole over the query API.
// moto checks no signature, so an Authorization header of the usual form, unsigned, is enough.

export interface StsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** epoch milliseconds */
  expiration: number;
}

/** RoleSessionName allows [\w+=,.@-], 2 to 64 characters. */
export function sessionName(username: string): string {
  const s = username.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
  return s.length >= 2 ? s : `${s}--`.slice(0, 2);
}

function tag(xml: string, name: string): string {
  const m = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!m) throw new Error(`moto AssumeRole answer has no <${name}>`);
  return m[1]!;
}

export async function assumeRole(
  endpoint: string, region: string, accountId: string, roleName: string, username: string, seconds: number,
): Promise<StsCredentials> {
  const body = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
    RoleSessionName: sessionName(username),
    DurationSeconds: String(Math.max(900, seconds)),
  });
  const date = new Date().toISOString().replace(/[-:]/g, '').slice(0, 8);
  const res = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      Authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/${date}/${region}/sts/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body,
  });
  const xml = await res.text();
  if (!res.ok) throw new Error(`moto AssumeRole answered HTTP ${res.status}`);
  return {
    accessKeyId: tag(xml, 'AccessKeyId'),
    secretAccessKey: tag(xml, 'SecretAccessKey'),
    sessionToken: tag(xml, 'SessionToken'),
    expiration: Date.parse(tag(xml, 'Expiration')),
  };
}
