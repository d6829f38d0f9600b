/** Which errors mean "Redis is not there right now" (a 503 for the client) rather than a bug (a 500). */
import { ReplyError } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { isRedisUnavailable } from '../../src/queue/connection.js';

describe('isRedisUnavailable', () => {
  it.each([
    ['a closed connection', new Error('Connection is closed.')],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7001'), { code: 'ECONNREFUSED' })],
    // ioredis Cluster, while no master holds the slot: the other nodes answer CLUSTERDOWN until a replica takes over.
    [
      'a cluster without a master for the slot',
      new Error('Too many Cluster redirections. Last error: ReplyError: CLUSTERDOWN The cluster is down'),
    ],
    ['a CLUSTERDOWN reply', new ReplyError('CLUSTERDOWN The cluster is down')],
    ['a TRYAGAIN reply during a slot migration', new ReplyError('TRYAGAIN Multiple keys request during rehashing of slot')],
    ['a replica whose master is down', new ReplyError('MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to no')],
    ['a Redis still loading its data', new ReplyError('LOADING Redis is loading the dataset in memory')],
  ])('recognises %s', (_, err) => expect(isRedisUnavailable(err)).toBe(true));

  it.each([
    ['a script error', new ReplyError('ERR Error running script (call to f_1234): @user_script:12: wrong number of arguments')],
    ['a bug whose message merely says loading', new Error('Cannot read properties of undefined (reading "loading")')],
    ['a wrong type', new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value')],
  ])('does not take %s for an outage', (_, err) => expect(isRedisUnavailable(err)).toBe(false));
});
