// `populate`: one AWS CLI profile per role the user can reach, each resolved through
// `credential_process = awssso login -p NAME --json` and an awssso profile NAME of the same user
// and start URL (so they all share one stored session). Sections populate wrote carry a marker
// key naming the awssso profile they came from; only those are updated or pruned, a section
// written by hand with the same name wins and is reported, and no other byte of either file moves.
import type { AwsssoProfile } from '../types.js';
import type { PortalAccess } from './portal-access.js';
import type { RunOptions } from './run-options.js';
import type { IniUpdates } from '../store/ini.js';
import { editIniSections, parseIni } from '../store/ini.js';
import { canonicalStartUrl } from '../store/config-read.js';
import { editConfig } from '../store/config-write.js';
import { editAwsConfig } from '../store/aws-config.js';
import { configFile } from '../store/paths.js';
import { ConfigError } from '../errors.js';
import { listAssignments } from './assignments.js';
import { profileNames, type NamedRole } from './profile-names.js';

/** In ~/.aws/config: which awssso profile populated the section. */
export const AWS_MARK = 'awssso_populated_from';
/** In ~/.awssso/config: the same, for the role's awssso profile. */
export const AWSSSO_MARK = 'populated_from';

export interface PopulateRequest {
  template: string;
  /** the `region` of the AWS profiles */
  region?: string;
  prune: boolean;
  dryRun: boolean;
  refresh: boolean;
  /** as listAssignments reports it */
  onProgress?: (done: number, total: number) => void;
}

export interface PopulateReport {
  added: string[];
  updated: string[];
  removed: string[];
  unchanged: number;
  /** names whose section someone wrote by hand: left alone, no profile generated */
  handWritten: string[];
  files: { path: string; before: string; after: string }[];
}

interface Planned extends NamedRole {
  name: string;
}

type Sections = Map<string, Map<string, string>>;

/** What makes a section ours; the edits that make `wanted` true, and which names were hand-written. */
function plan(sections: Sections, mark: string, source: string, wanted: Map<string, Record<string, string>>, prune: boolean) {
  const edits = new Map<string, IniUpdates | null>();
  const handWritten = new Set<string>();
  const added: string[] = [];
  const updated: string[] = [];
  for (const [section, values] of wanted) {
    const existing = sections.get(section);
    if (existing && existing.get(mark) !== source) {
      handWritten.add(section);
      continue;
    }
    if (existing && Object.entries(values).every(([key, value]) => existing.get(key) === value)) continue;
    (existing ? updated : added).push(section);
    edits.set(section, values);
  }
  const removed = prune ? [...sections].filter(([section, values]) => values.get(mark) === source && !wanted.has(section)).map(([s]) => s) : [];
  for (const section of removed) edits.set(section, null);
  return { edits, handWritten, added, updated, removed };
}

const awsSection = (name: string) => (name === 'default' ? name : `profile ${name}`);

export async function populate(run: RunOptions, access: PortalAccess, req: PopulateRequest): Promise<PopulateReport> {
  const source = run.profile;
  const assignments = await listAssignments(run, access, { roles: true, refresh: req.refresh, onProgress: req.onProgress });
  const roles: NamedRole[] = assignments.flatMap((a) => (a.roles ?? []).map((roleName) => ({ ...a, roleName })));
  const names = profileNames(req.template, roles);
  const planned: Planned[] = roles.map((role, i) => ({ ...role, name: names[i]! }));
  if (planned.some((p) => p.name === source.name)) {
    throw new ConfigError(`a generated profile would be named ${source.name}, the profile populate starts from: choose another --name`);
  }

  // The awssso profiles first: a hand-written one with a generated name keeps its AWS profile from being made.
  const awsssoWanted = new Map(planned.map((p) => [p.name, awsssoProfileKeys(source, p)]));
  let awsssoPlan!: ReturnType<typeof plan>;
  const awssso = await editConfig((text) => {
    const { sections } = parseIni(text);
    awsssoPlan = plan(sections, AWSSSO_MARK, source.name, awsssoWanted, req.prune);
    // An identical hand-written profile (same user, start URL, account and role) serves as well.
    for (const name of awsssoPlan.handWritten) if (sameRole(sections.get(name)!, awsssoWanted.get(name)!)) awsssoPlan.handWritten.delete(name);
    return editIniSections(text, awsssoPlan.edits);
  }, { env: run.env, dryRun: req.dryRun });

  const awsWanted = new Map(planned.filter((p) => !awsssoPlan.handWritten.has(p.name)).map((p) => [awsSection(p.name), {
    credential_process: `awssso login -p ${p.name} --json`,
    ...(req.region ? { region: req.region } : {}),
    [AWS_MARK]: source.name,
  }]));
  let awsPlan!: ReturnType<typeof plan>;
  const aws = await editAwsConfig((text) => {
    awsPlan = plan(parseIni(text).sections, AWS_MARK, source.name, awsWanted, req.prune);
    return editIniSections(text, awsPlan.edits);
  }, { env: run.env, ...(req.dryRun ? { dryRun: true } : {}) });

  const bare = (section: string) => section.replace(/^profile /, '');
  return {
    added: awsPlan.added.map(bare),
    updated: awsPlan.updated.map(bare),
    removed: awsPlan.removed.map(bare),
    unchanged: awsWanted.size - awsPlan.added.length - awsPlan.updated.length - awsPlan.handWritten.size,
    handWritten: [...new Set([...awsssoPlan.handWritten, ...[...awsPlan.handWritten].map(bare)])],
    files: [{ path: configFile(run.env), ...awssso }, aws],
  };
}

function awsssoProfileKeys(source: AwsssoProfile, role: Planned): Record<string, string> {
  return {
    url: source.url,
    region: source.region,
    username: source.username,
    aws_profile: role.name,
    account_id: role.accountId,
    role_name: role.roleName,
    [AWSSSO_MARK]: source.name,
  };
}

function sameRole(existing: Map<string, string>, wanted: Record<string, string>): boolean {
  return canonicalStartUrl(existing.get('url') ?? '') === wanted.url &&
    ['username', 'account_id', 'role_name'].every((key) => existing.get(key) === wanted[key]);
}
