// The API role: GraphQL over HTTP and WebSocket.
import { schema } from '../../../schema/src/index.js';
import { buildApiServer } from '../http/api-server.js';
import { runRole } from './run-role.js';

await runRole('api', async (services) => {
  await services.storage.ensureBucket();
  const api = buildApiServer(services, schema);
  await api.start();
  return api;
});
