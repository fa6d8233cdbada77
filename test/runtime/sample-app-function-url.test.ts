import { describeSampleApp } from '../behaviour/sample-app';
import { buildArtifact, type Artifact } from '../helpers/artifact';
import { ArtifactProcess } from '../helpers/artifact-process';
import { functionUrlClient } from '../helpers/artifact-client';

let artifact: Artifact | undefined;

describeSampleApp('built artifact, Function URL events, fresh Node 24 process', async () => {
  artifact = await buildArtifact();
  const container = await new ArtifactProcess(artifact.dir).whenReady();
  return {
    ...functionUrlClient(container),
    async close() {
      await container.close();
      artifact?.cleanup();
    },
  };
});
