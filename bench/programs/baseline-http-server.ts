// Baseline for the `api` scenario: the cheapest Node HTTP server answering a JSON body of the same
// size as the hub's, so the hub's figures can be read as a ratio of what this machine can do.
import { createServer } from 'node:http';

const size = Number(process.argv[2] ?? '256');
const body = JSON.stringify({ product: 'Crosspoint', padding: 'x'.repeat(Math.max(0, size - 40)) });
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(`listening on http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
