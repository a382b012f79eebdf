// A local OpenID Connect provider standing in for Entra ID in the tests (never in production).
// usage: node server.js <port> <accounts.json>
//   accounts.json: { "clientSecret": "...", "redirectUris": [...], "postLogoutRedirectUris": [...],
//                    "accounts": { "<login>": { "oid": "...", "name": "...", "groups": ["..."] } } }
// The development login form signs in any login name that the accounts file lists (any password); each account
// gets Entra's claims: oid, name, preferred_username and the group ids.
import fs from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.argv[2]);
const setup = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'backoffice',
    client_secret: setup.clientSecret,
    redirect_uris: setup.redirectUris,
    post_logout_redirect_uris: setup.postLogoutRedirectUris ?? [],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub', 'oid', 'groups'], profile: ['name', 'preferred_username'] },
  // Entra puts the user's claims into the ID token of the code flow; so does this provider.
  conformIdTokenClaims: false,
  // The first-party app needs no consent screen (as an admin-consented Entra app).
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid profile');
    await grant.save();
    return grant;
  },
  async findAccount(ctx, id) {
    const account = setup.accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: account.oid, oid: account.oid, name: account.name, preferred_username: id, groups: account.groups ?? [] };
      },
    };
  },
  cookies: { keys: ['backoffice-test-only'] },
  pkce: { required: () => true },
});
provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider ready on ${issuer}`));
