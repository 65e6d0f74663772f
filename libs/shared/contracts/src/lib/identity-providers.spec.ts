import { isEntraIssuer, isEntraSharedTenant, isOktaIssuer, isOktaOrgServer } from './identity-providers';

describe('recognising Entra ID and Okta issuers', () => {
  it.each([
    ['https://login.microsoftonline.com/b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d/v2.0', true],
    ['https://login.microsoftonline.us/tenant/v2.0', true],
    ['https://login.partner.microsoftonline.cn/tenant/v2.0', true],
    ['https://sts.windows.net/tenant/', true],
    ['https://exampleco.ciamlogin.com/tenant/v2.0', true],
    ['http://login.microsoftonline.com/tenant/v2.0', false],
    ['https://login.microsoftonline.com.evil.test/tenant/v2.0', false],
    ['https://exampleco.okta.com/oauth2/default', false],
    ['not a url', false],
  ])('Entra: %s → %p', (issuer, expected) => {
    expect(isEntraIssuer(issuer)).toBe(expected);
  });

  it.each([
    ['https://login.microsoftonline.com/common/v2.0', true],
    ['https://login.microsoftonline.com/Organizations/v2.0', true],
    ['https://login.microsoftonline.com/consumers', true],
    ['https://login.microsoftonline.com/b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d/v2.0', false],
    ['https://id.exampleco.test/common', false],
  ])('Entra shared tenant: %s → %p', (issuer, expected) => {
    expect(isEntraSharedTenant(issuer)).toBe(expected);
  });

  it.each([
    ['https://exampleco.okta.com/oauth2/aus8k2timesheets0x7', true, false],
    ['https://exampleco.oktapreview.com/oauth2/default', true, false],
    ['https://exampleco.okta-emea.com/oauth2/default', true, false],
    ['https://exampleco.okta.com', true, true],
    ['https://exampleco.okta.com/oauth2/default/v1', true, true],
    ['https://okta.com.evil.test/oauth2/default', false, false],
    ['http://exampleco.okta.com/oauth2/default', false, false],
  ])('Okta: %s → issuer %p, org server %p', (issuer, okta, org) => {
    expect(isOktaIssuer(issuer)).toBe(okta);
    expect(isOktaOrgServer(issuer)).toBe(org);
  });
});
