package io.influmeter.jobs.common;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs shared by every job. */
public final class CommonTags {

  /** Records that could not be decoded or were rejected; written to {@code <topic>.dlq}. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private CommonTags() {}
}
