// Local development only (e.g. `npx tsx src/server.ts`): on Lambda, zap's handler serves `app`.
import { app } from './app';

const port = Number(process.env.PORT ?? 3000);
app.listen(port, () => console.log(`zap-sample-app on http://localhost:${port}`));
