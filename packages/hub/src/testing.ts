// Test kit for other packages' tests (browser tests, benchmarks): a scripted agent and sample devices.
export { FakeAgent, linkDevice } from './test/fake-agent.ts';
export { startSmtpSink, type ReceivedMail } from './test/smtp-sink.ts';
export { captureMail, mailedLinkToken, newestMail } from './test/mail-capture.ts';
export { createTestDatabase, laneAvailable, postgresAdminUrl } from './test/real-servers.ts';
export { pdfText } from './test/pdf-text.ts';
export { totpCode } from './adapters/totp.ts';
export { slapdAvailable, startLdapServer, type LdapTestServer } from './test/ldap-server.ts';
export { startTestOidcProvider, type TestOidcProvider } from './test/oidc-provider.ts';
export { testConfigurationTuning } from './test/hub-under-test.ts';
export { signedIn } from './test/tenancy-fixture.ts';
export { ApiClient } from './test/api-client.ts';
export { natsServerAvailable, startOwnNatsServer, type OwnNatsServer } from './test/nats-server.ts';
export { createTestCa, type TestCa, type TestServerCertificate } from './test/test-ca.ts';
