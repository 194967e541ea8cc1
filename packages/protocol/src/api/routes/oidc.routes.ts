import { Type } from 'typebox';
import { IdParams, Ok, Uuid } from '../common.ts';
import {
  OidcCallbackQuery,
  OidcProvider,
  OidcProviderList,
  OidcProviderParams,
  OidcSignInOption,
  OidcSignInOptions,
  OidcStartQuery,
  SaveOidcProviderRequest,
  SetOidcProviderEnabledRequest,
} from '../oidc.ts';
import { route } from '../route.ts';

const tags = ['sign-in'];
const base = '/api/v1/orgs/:orgId/oidc-providers';
const ProviderParams = Type.Object({ orgId: Uuid, providerId: Uuid });

/**
 * OpenID Connect sign-in (docs/oidc.md): an organization's providers (the platform organization's
 * are hub-wide), the public list of hub-wide buttons, and the two browser legs of the
 * authorization-code flow (start → provider → callback), which answer with redirects.
 */
export const oidcRoutes = {
  listOidcProviders: route({
    method: 'GET',
    path: base,
    tags,
    access: 'users.manage',
    summary: 'The organization’s OpenID Connect providers (in the platform organization: the hub-wide ones)',
    params: IdParams,
    answer: OidcProviderList,
  }),
  createOidcProvider: route({
    method: 'POST',
    path: base,
    tags,
    access: 'users.manage',
    summary: 'Add an OpenID Connect provider (the client secret is sealed and never shown again)',
    params: IdParams,
    body: SaveOidcProviderRequest,
    answer: OidcProvider,
    status: 201,
  }),
  updateOidcProvider: route({
    method: 'PUT',
    path: `${base}/:providerId`,
    tags,
    access: 'users.manage',
    summary: 'Change an OpenID Connect provider (an empty client secret keeps the stored one)',
    params: ProviderParams,
    body: SaveOidcProviderRequest,
    answer: OidcProvider,
  }),
  setOidcProviderEnabled: route({
    method: 'PUT',
    path: `${base}/:providerId/enabled`,
    tags,
    access: 'users.manage',
    summary: 'Turn an OpenID Connect provider on or off',
    params: ProviderParams,
    body: SetOidcProviderEnabledRequest,
    answer: OidcProvider,
  }),
  removeOidcProvider: route({
    method: 'DELETE',
    path: `${base}/:providerId`,
    tags,
    access: 'users.manage',
    summary: 'Remove an OpenID Connect provider (its accounts stay, and cannot sign in through it)',
    params: ProviderParams,
    answer: Ok,
  }),
  listOidcSignInOptions: route({
    method: 'GET',
    path: '/api/v1/auth/oidc/providers',
    tags,
    access: 'public',
    summary: 'The hub-wide OpenID providers the sign-in page shows as buttons',
    answer: OidcSignInOptions,
  }),
  getOidcSignInOption: route({
    method: 'GET',
    path: '/api/v1/auth/oidc/providers/:providerId',
    tags,
    access: 'public',
    summary: 'One enabled provider’s button (an organization’s sign-in link names its provider)',
    params: OidcProviderParams,
    answer: OidcSignInOption,
  }),
  startOidcSignIn: route({
    method: 'GET',
    path: '/api/v1/auth/oidc/:providerId/start',
    tags,
    access: 'public',
    summary:
      'Start signing in with an OpenID provider: redirects to it (authorization code, PKCE S256, state, nonce)',
    params: OidcProviderParams,
    query: OidcStartQuery,
    redirect: true,
  }),
  finishOidcSignIn: route({
    method: 'GET',
    path: '/api/v1/auth/oidc/callback',
    tags,
    access: 'public',
    summary:
      'Where the provider sends the browser back: signs in and redirects to the page asked for, or to /sign-in?error=OIDC_FAILED&step=…',
    query: OidcCallbackQuery,
    redirect: true,
  }),
};
