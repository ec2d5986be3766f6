package io.influmeter.jobs.attribution;

import io.influmeter.jobs.common.CompactStrings;
import io.influmeter.jobs.common.SerializerTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * {@link ClickTouch} in state and between operators: its strings in the {@link CompactStrings}
 * format, then the click time and the excluded flag. The attribution job keeps one touch per click
 * of a visitor for the longest lookback (in the visitor journey), so this is the bulk of its state;
 * Flink's POJO serializer wrote each string character by character and a field mask per object.
 *
 * <p>Format: clickId, linkId, influencerId, campaignId (each nullable), timeMillis (8 bytes),
 * visitorTag (8 bytes), excluded (1 byte).
 */
public final class ClickTouchSerializer extends TypeSerializerSingleton<ClickTouch> {

  private static final long serialVersionUID = 1L;

  public static final ClickTouchSerializer INSTANCE = new ClickTouchSerializer();

  public static final TypeInformation<ClickTouch> TYPE =
      new SerializerTypeInfo<>(ClickTouch.class, INSTANCE);

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public ClickTouch createInstance() {
    return new ClickTouch();
  }

  @Override
  public ClickTouch copy(ClickTouch from) {
    return from == null ? null : from.withClickId(from.clickId);
  }

  @Override
  public ClickTouch copy(ClickTouch from, ClickTouch reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ClickTouch touch, DataOutputView target) throws IOException {
    CompactStrings.write(touch.clickId, target);
    CompactStrings.write(touch.linkId, target);
    CompactStrings.write(touch.influencerId, target);
    CompactStrings.write(touch.campaignId, target);
    target.writeLong(touch.timeMillis);
    target.writeLong(touch.visitorTag);
    target.writeBoolean(touch.excluded);
  }

  @Override
  public ClickTouch deserialize(DataInputView source) throws IOException {
    ClickTouch touch = new ClickTouch();
    touch.clickId = CompactStrings.read(source);
    touch.linkId = CompactStrings.read(source);
    touch.influencerId = CompactStrings.read(source);
    touch.campaignId = CompactStrings.read(source);
    touch.timeMillis = source.readLong();
    touch.visitorTag = source.readLong();
    touch.excluded = source.readBoolean();
    return touch;
  }

  @Override
  public ClickTouch deserialize(ClickTouch reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    for (int field = 0; field < 4; field++) {
      CompactStrings.copy(source, target);
    }
    target.writeLong(source.readLong());
    target.writeLong(source.readLong());
    target.writeBoolean(source.readBoolean());
  }

  @Override
  public TypeSerializerSnapshot<ClickTouch> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Stateless: restores {@link #INSTANCE}. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ClickTouch> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /**
   * Makes {@code TypeInformation.of(ClickTouch.class)} (and the fields of {@link ConversionInput})
   * use this serializer.
   */
  public static final class Factory extends TypeInfoFactory<ClickTouch> {
    @Override
    public TypeInformation<ClickTouch> createTypeInfo(
        Type type, Map<String, TypeInformation<?>> genericParameters) {
      return TYPE;
    }
  }
}
