import { connect, createServer, type Server, type Socket } from 'node:net';

/*
 * A TCP relay in front of the demo backend that can turn into a black hole: it still accepts
 * connections (so a TCP probe says "reachable") and reads what is sent, but nothing reaches the
 * backend and nothing comes back, as with a firewall that drops packets or a proxy that hangs.
 *
 * It is a relay rather than a demo latency because a hanging request inside the demo keeps a
 * timer of the test process alive for as long as the latency; here lifting the hole or closing
 * the relay destroys what hangs.
 */

export interface BlackHole {
  /** The URL stations are configured with instead of the demo's. */
  url: string;
  setSwallowing(isSwallowing: boolean): void;
  close(): Promise<void>;
}

export async function startBlackHole(upstreamUrl: string): Promise<BlackHole> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<Socket>();
  // Connections that lost bytes to the hole: their HTTP framing is broken, so they end with it.
  const swallowed = new Set<Socket>();
  let isSwallowing = false;

  const server: Server = createServer((client) => {
    const backend = connect({ host: upstream.hostname, port: Number(upstream.port) });
    sockets.add(client);
    sockets.add(backend);
    const relay = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (isSwallowing) {
          swallowed.add(client);
          return;
        }
        to.write(chunk);
      });
    relay(client, backend);
    relay(backend, client);
    const end = () => {
      client.destroy();
      backend.destroy();
      sockets.delete(client);
      sockets.delete(backend);
      swallowed.delete(client);
    };
    client.on('close', end).on('error', end);
    backend.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the black hole has no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    setSwallowing(next) {
      isSwallowing = next;
      if (!next) for (const socket of [...swallowed]) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
