/** The clusters the global setup starts are really up, and the TLS one really wants its secrets. */
import * as tls from 'node:tls';
import { plainCluster, redisCli, tlsCluster } from '../helpers/cluster-env';

const FORMED = { cluster_state: 'ok', cluster_slots_ok: '16384', cluster_known_nodes: '6' };

function fields(info: string): Record<string, string> {
  return Object.fromEntries(info.split(/\r?\n/).flatMap((l) => (l.includes(':') ? [l.split(':', 2)] : [])));
}

/** Raw RESP over Node's TLS with its default verification, as the client itself connects. */
function tlsExchange(port: number, ca: Buffer, request: string, replyLines: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let reply = '';
    const socket = tls.connect({ host: '127.0.0.1', port, ca, timeout: 5000 }, () => socket.write(request));
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      reply += chunk;
      if (reply.split('\r\n').length > replyLines) {
        socket.end();
        resolve(reply);
      }
    });
    socket.on('timeout', () => socket.destroy(new Error(`no full reply in 5 s: ${JSON.stringify(reply)}`)));
    socket.on('error', reject);
  });
}

describe('local plain cluster', () => {
  it('has every node in cluster_state:ok with all 16384 slots', async () => {
    const { ports } = plainCluster();
    expect(ports).toHaveLength(6);
    for (const port of ports) {
      expect(fields(await redisCli(port, 'CLUSTER', 'INFO'))).toMatchObject(FORMED);
    }
  });

  it('has three masters, each with one replica', async () => {
    const lines = (await redisCli(plainCluster().ports[0], 'CLUSTER', 'NODES')).split('\n');
    const nodes = lines.map((l) => l.split(' '));
    const masters = nodes.filter((n) => n[2].includes('master')).map((n) => n[0]);
    const replicaOf = nodes.filter((n) => n[2].includes('slave')).map((n) => n[3]);
    expect(masters).toHaveLength(3);
    expect(replicaOf.sort()).toEqual(masters.sort());
  });
});

describe('local TLS cluster', () => {
  it('refuses commands without the password', async () => {
    const { ports, caFile } = tlsCluster();
    await expect(redisCli({ port: ports[0], caFile }, 'PING')).rejects.toThrow(/NOAUTH/);
  });

  it('has every node in cluster_state:ok, reached with the default password', async () => {
    const c = tlsCluster();
    expect(c.ports).toHaveLength(6);
    for (const port of c.ports) {
      expect(fields(await redisCli({ ...c, port }, 'CLUSTER', 'INFO'))).toMatchObject(FORMED);
    }
  });

  it('lets the ACL user authenticate', async () => {
    const c = tlsCluster();
    const asAclUser = { port: c.ports[1], caFile: c.caFile, user: c.aclUser, password: c.aclPassword };
    expect(await redisCli(asAclUser, 'ACL', 'WHOAMI')).toBe(c.aclUser);
  });

  it('presents a certificate Node verifies for 127.0.0.1 against the test CA', async () => {
    const c = tlsCluster();
    const reply = await tlsExchange(c.ports[0], c.ca, `AUTH ${c.aclUser} ${c.aclPassword}\r\nPING\r\n`, 2);
    expect(reply).toBe('+OK\r\n+PONG\r\n');
  });
});
