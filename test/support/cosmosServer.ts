import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { CosmosClient } from '@azure/cosmos';

/**
 * A Cosmos-compatible server (@vercel/cosmosdb-server) in this process on 127.0.0.1 and a random
 * port, with the real @azure/cosmos client pointed at it over HTTP.
 */
export async function startCosmos(): Promise<{ client: CosmosClient; endpoint: string; stop(): Promise<void> }> {
  const server = createHttpServer();
  await new Promise<void>((klaar) => server.listen(0, '127.0.0.1', klaar));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // The emulator accepts any key; this one is a dummy in base64, as the client requires.
  const client = new CosmosClient({ endpoint, key: Buffer.from('lokaal').toString('base64'), connectionPolicy: { enableEndpointDiscovery: false } });
  return {
    client,
    endpoint,
    stop: async () => {
      client.dispose();
      await new Promise<void>((klaar) => server.close(() => klaar()));
    },
  };
}
