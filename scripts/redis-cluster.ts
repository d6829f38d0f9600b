/**
 * npm run redis:cluster: a local Redis Cluster for trying ondo or its tests on one (the same three
 * loopback masters the vitest project `redis-cluster` starts); prints the nodes and removes the
 * cluster on Ctrl-C or SIGTERM.
 */
import { startRedisCluster } from '../test/support/redis-cluster.js';

const cluster = await startRedisCluster();
console.log(`Redis Cluster up: ${cluster.url}`);
console.log(`  REDIS_URL=${cluster.url} npm start`);
console.log(`  ONDO_TEST_REDIS_CLUSTER=${cluster.url} npx vitest run --project redis test/queue`);
const stop = () => void cluster.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
setInterval(() => {}, 1 << 30); // hold the process (and so the cluster) until a signal
