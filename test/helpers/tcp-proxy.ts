import net, { type AddressInfo } from 'node:net';

export interface TcpProxy {
  /** The port clients connect to; nothing answers there until open(). */
  readonly port: number;
  /** Starts forwarding connections on the port to the target (does nothing if it already does). */
  open(): Promise<void>;
  /** Stops listening and cuts every connection through it, as a broker that went down would. */
  cut(): Promise<void>;
}

/**
 * A TCP forwarder on a port of its own that tests open and cut, so a client sees a real refused
 * connection, then a real server, then a real dropped connection.
 */
export async function reserveTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));

  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  return {
    port,
    async open() {
      if (server) return;
      const listening = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        track(client);
        track(upstream);
        client.pipe(upstream);
        upstream.pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
      server = listening;
    },
    async cut() {
      const listening = server;
      server = null;
      for (const socket of sockets) socket.destroy();
      if (listening) await new Promise<void>((resolve) => listening.close(() => resolve()));
    },
  };
}
