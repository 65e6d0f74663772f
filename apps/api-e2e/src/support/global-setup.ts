/** Says plainly, once per run, whether the PostgreSQL leg of the e2e suites runs. */
export default async function globalSetup(): Promise<void> {
  if (process.env['TEST_POSTGRES_URL']) {
    console.log('\n[e2e] PostgreSQL leg: ON (TEST_POSTGRES_URL is set)\n');
  } else {
    console.log(
      '\n[e2e] PostgreSQL leg: NOT RUN (set TEST_POSTGRES_URL=postgres://... to run every e2e suite on PostgreSQL too)\n',
    );
  }
}
