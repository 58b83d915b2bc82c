import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/errors.js';
import {
  configuredOrigins, directoryFromStartUrl, federationEndpoint, oidcEndpoint, portalEndpoint, validateStartUrl,
} from '../../src/http/endpoints.js';

test('service endpoints follow the region and partition unless overridden the AWS way', () => {
  assert.equal(portalEndpoint('eu-west-1', {}), 'https://portal.sso.eu-west-1.amazonaws.com');
  assert.equal(portalEndpoint('cn-north-1', {}), 'https://portal.sso.cn-north-1.amazonaws.com.cn');
  assert.equal(portalEndpoint('eu-west-1', { AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:4566/' }), 'http://127.0.0.1:4566');
  assert.equal(oidcEndpoint('us-gov-west-1', {}), 'https://oidc.us-gov-west-1.amazonaws.com');
  assert.equal(oidcEndpoint('us-east-1', { AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:9' }), 'http://127.0.0.1:9');
  assert.equal(federationEndpoint('us-east-1', {}), 'https://signin.aws.amazon.com/federation');
  assert.equal(federationEndpoint('eu-central-1', {}), 'https://eu-central-1.signin.aws.amazon.com/federation');
  assert.equal(federationEndpoint('cn-northwest-1', {}), 'https://cn-northwest-1.signin.amazonaws.cn/federation');
  assert.equal(federationEndpoint('us-gov-east-1', {}), 'https://us-gov-east-1.signin.amazonaws-us-gov.com/federation');
  assert.equal(federationEndpoint('us-east-1', { AWSSSO_FEDERATION_ENDPOINT: 'http://127.0.0.1:9/federation' }), 'http://127.0.0.1:9/federation');
});

test('the configured origins are the overrides and a loopback start URL', () => {
  assert.deepEqual(configuredOrigins('http://127.0.0.1:5000/start', {
    AWS_ENDPOINT_URL_SSO: 'http://127.0.0.1:5000', AWS_ENDPOINT_URL_SSO_OIDC: 'http://127.0.0.1:5000/', AWSSSO_FEDERATION_ENDPOINT: 'http://127.0.0.1:6000/federation',
  }), ['http://127.0.0.1:5000', 'http://127.0.0.1:6000']);
  assert.deepEqual(configuredOrigins('https://d-0123456789.awsapps.com/start', {}), ['https://d-0123456789.awsapps.com']);
});

test('the directory comes from the start URL', () => {
  assert.deepEqual(directoryFromStartUrl('https://d-0123456789.awsapps.com/start#/'), { name: 'directory_id', value: 'd-0123456789' });
  assert.deepEqual(directoryFromStartUrl('https://my-team.awsapps.com/start'), { name: 'directory_id', value: 'my-team' });
  assert.deepEqual(directoryFromStartUrl('https://start.us-gov-home.awsapps.com/directory/d-9067a1b2c3'), { name: 'directory_id', value: 'd-9067a1b2c3' });
  assert.deepEqual(directoryFromStartUrl('https://ssoins-0123456789abcdef.portal.eu-west-1.app.aws/'), { name: 'idc_instance_id', value: 'ssoins-0123456789abcdef' });
  assert.equal(directoryFromStartUrl('http://127.0.0.1:5000/start'), undefined);
});

test('start URLs that are not IAM Identity Center portals are refused in one line', () => {
  for (const url of ['http://d-0123456789.awsapps.com/start', 'https://example.com/start', 'not a url',
    'https://ssoins-xyz.portal.eu-west-1.app.aws/', 'https://user:pw@d-0123456789.awsapps.com/start']) {
    assert.throws(() => validateStartUrl(url), new ConfigError(`not an IAM Identity Center start URL: ${url}`));
  }
});
