package io.influmeter.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Submits the stream jobs to the embedded Flink cluster and resumes each from its newest retained
 * checkpoint after a restart, so a stop and start of the stack neither loses state nor counts an
 * event twice. The jobs keep checkpoints on cancellation; this class remembers which job id each
 * job name had, in {@code jobs.properties} beside the checkpoints.
 */
final class FlinkJobs {

  private final Path checkpoints;
  private final Path registry;
  private final Properties jobIds = new Properties();

  FlinkJobs(Path flinkDirectory) {
    this.checkpoints = flinkDirectory.resolve("checkpoints");
    this.registry = flinkDirectory.resolve("jobs.properties");
    if (Files.exists(registry)) {
      try (InputStream in = Files.newInputStream(registry)) {
        jobIds.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + registry, e);
      }
    }
  }

  /** A submitted job and where it resumed from (null: fresh). */
  record Submitted(String name, JobClient client, Path restoredFrom) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      client.cancel().get();
    }
  }

  /**
   * Builds a job with {@code build} into a fresh environment and submits it, resuming from the
   * newest complete checkpoint of the job's previous run if there is one.
   */
  Submitted submit(
      String name, StreamExecutionEnvironment env, Consumer<StreamExecutionEnvironment> build)
      throws Exception {
    Path restore = latestCheckpoint(jobIds.getProperty(name)).orElse(null);
    if (restore != null) {
      // The executor reads the restore path from the configuration; one set on the stream graph
      // is silently ignored.
      Configuration configuration = new Configuration();
      configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, restore.toString());
      env.configure(configuration);
    }
    build.accept(env);
    JobClient client = env.executeAsync(name);
    jobIds.setProperty(name, client.getJobID().toHexString());
    try (OutputStream out = Files.newOutputStream(registry)) {
      jobIds.store(out, "job name -> id of its last run (for resuming from checkpoints)");
    }
    return new Submitted(name, client, restore);
  }

  private Optional<Path> latestCheckpoint(String jobId) throws IOException {
    if (jobId == null) {
      return Optional.empty();
    }
    Path jobDirectory = checkpoints.resolve(jobId);
    if (!Files.isDirectory(jobDirectory)) {
      return Optional.empty();
    }
    try (Stream<Path> children = Files.list(jobDirectory)) {
      return children
          .filter(path -> path.getFileName().toString().startsWith("chk-"))
          .filter(path -> Files.exists(path.resolve("_metadata")))
          .max(Comparator.comparingLong(FlinkJobs::checkpointNumber));
    }
  }

  private static long checkpointNumber(Path checkpoint) {
    return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
  }
}
