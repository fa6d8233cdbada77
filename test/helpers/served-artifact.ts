/** A project packaged with zap and its artifact started as Lambda would, for the length of one use; both removed after. */
import { buildArtifact, type Artifact } from './artifact';
import { ArtifactProcess } from './artifact-process';

export async function withServedArtifact<T>(projectDir: string, use: (artifact: Artifact, container: ArtifactProcess) => Promise<T>): Promise<T> {
  const artifact = await buildArtifact(projectDir, 'dev');
  try {
    const container = await new ArtifactProcess(artifact.dir).whenReady();
    try {
      return await use(artifact, container);
    } finally {
      await container.close();
    }
  } finally {
    artifact.cleanup();
  }
}
