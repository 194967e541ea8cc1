// No hand-written hub path in the web app (issue #16): every call goes through the typed client by
// operation id (`call('listDevices', …)`, `urlOf('downloadFile', …)`), whose method and path come from
// the route table (web/src/api/operations.gen.ts, generated). A string or template literal that
// starts with a hub path is a call the table does not type: a moved route would be a 404 in a browser
// instead of a type error. Proved by api-paths.test.ts.

// esquery's regular expressions cannot hold a "/": \x2F is one.
const hubPath = String.raw`^\x2F(api\x2F|readyz|healthz)`;
const message =
  'No hand-written hub path: call the operation by its id (call / urlOf / uploadTo in api/client.ts), typed by the route table.';

/** @type {import('eslint').Linter.Config[]} */
export const apiPaths = [
  {
    files: ['packages/web/src/**/*.ts', 'packages/web/src/**/*.tsx'],
    ignores: ['packages/web/src/api/operations.gen.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: `Literal[value=/${hubPath}/]`, message },
        { selector: `TemplateLiteral[quasis.0.value.raw=/${hubPath}/]`, message },
      ],
    },
  },
];
