package io.influmeter.jobs.common;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A {@code String} serializer in the {@link CompactStrings} format, for keys and map keys that are
 * long strings (click ids, order keys). Use {@link #TYPE} where an API asks for type information.
 */
public final class CompactStringSerializer extends TypeSerializerSingleton<String> {

  private static final long serialVersionUID = 1L;

  public static final CompactStringSerializer INSTANCE = new CompactStringSerializer();

  /** Type information whose serializer is {@link #INSTANCE}; a valid key type. */
  public static final SerializerTypeInfo<String> TYPE =
      new SerializerTypeInfo<>(String.class, INSTANCE);

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public String createInstance() {
    return "";
  }

  @Override
  public String copy(String from) {
    return from;
  }

  @Override
  public String copy(String from, String reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(String record, DataOutputView target) throws IOException {
    CompactStrings.write(record, target);
  }

  @Override
  public String deserialize(DataInputView source) throws IOException {
    return CompactStrings.read(source);
  }

  @Override
  public String deserialize(String reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    CompactStrings.copy(source, target);
  }

  @Override
  public TypeSerializerSnapshot<String> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Stateless: restores {@link #INSTANCE}. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
