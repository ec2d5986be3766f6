package io.influmeter.jobs.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influmeter.jobs.common.CompactStringSerializer;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The hand-written serializers of the attribution state: round trips, copies, snapshots. */
class ClickTouchSerializerTest {

  private static ClickTouch touch(String clickId, long visitorTag) {
    ClickTouch touch = new ClickTouch();
    touch.clickId = clickId;
    touch.linkId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    touch.influencerId = "inf-7";
    touch.campaignId = "camp-ä€"; // multi-byte UTF-8
    touch.timeMillis = 1_764_547_200_123L;
    touch.excluded = true;
    touch.visitorTag = visitorTag;
    return touch;
  }

  private static <T> byte[] write(TypeSerializer<T> serializer, T value) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(16);
    serializer.serialize(value, out);
    return out.getCopyOfBuffer();
  }

  private static <T> T read(TypeSerializer<T> serializer, byte[] bytes) throws IOException {
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    T value = serializer.deserialize(in);
    assertThat(in.available()).as("bytes left after one record").isZero();
    return value;
  }

  @Test
  void touchesRoundTripWithNullsAndMultiByteCharacters() throws IOException {
    for (ClickTouch original :
        new ClickTouch[] {touch("01k9abc", -7L), touch(null, 0), new ClickTouch()}) {
      byte[] bytes = write(ClickTouchSerializer.INSTANCE, original);
      assertThat(read(ClickTouchSerializer.INSTANCE, bytes)).isEqualTo(original);
      // copy(in, out) moves exactly one record, byte for byte
      DataOutputSerializer copied = new DataOutputSerializer(16);
      DataInputDeserializer in = new DataInputDeserializer(concat(bytes, new byte[] {42}));
      ClickTouchSerializer.INSTANCE.copy(in, copied);
      assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
      assertThat(in.readByte()).isEqualTo((byte) 42);
    }
  }

  @Test
  void aCopyIsEqualButNotTheSameObject() {
    ClickTouch original = touch("id", 42);
    ClickTouch copy = ClickTouchSerializer.INSTANCE.copy(original);
    assertThat(copy).isEqualTo(original).isNotSameAs(original);
    assertThat(copy.clickId).isEqualTo("id");
    assertThat(ClickTouchSerializer.INSTANCE.copy((ClickTouch) null)).isNull();
  }

  @Test
  void compactStringsRoundTripIncludingLongAndEmptyOnes() throws IOException {
    String longOne = "x".repeat(70_000); // a length varint of three bytes
    for (String value : Arrays.asList("", "k", "01kbw4k2d8g0", "store-1:order-9", longOne, null)) {
      byte[] bytes = write(CompactStringSerializer.INSTANCE, value);
      assertThat(read(CompactStringSerializer.INSTANCE, bytes)).isEqualTo(value);
      DataOutputSerializer copied = new DataOutputSerializer(16);
      CompactStringSerializer.INSTANCE.copy(new DataInputDeserializer(bytes), copied);
      assertThat(copied.getCopyOfBuffer()).isEqualTo(bytes);
    }
    // one call per string: the 68-character click id takes 1 + 68 bytes, not a char-by-char form
    assertThat(write(CompactStringSerializer.INSTANCE, "a".repeat(68))).hasSize(69);
  }

  @Test
  void aTruncatedOrMalformedLengthIsAnError() {
    assertThatThrownBy(
            () ->
                CompactStringSerializer.INSTANCE.deserialize(
                    new DataInputDeserializer(
                        new byte[] {
                          (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1
                        })))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(
            () ->
                CompactStringSerializer.INSTANCE.deserialize(
                    new DataInputDeserializer(new byte[] {10, 'a'})))
        .isInstanceOf(IOException.class);
  }

  @Test
  void snapshotsRestoreTheSameSerializerAndAreCompatible() throws IOException {
    for (TypeSerializer<?> serializer :
        new TypeSerializer<?>[] {ClickTouchSerializer.INSTANCE, CompactStringSerializer.INSTANCE}) {
      assertSnapshotRestores(serializer);
    }
  }

  private static <T> void assertSnapshotRestores(TypeSerializer<T> serializer) throws IOException {
    TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
    DataOutputSerializer out = new DataOutputSerializer(16);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, snapshot);
    TypeSerializerSnapshot<T> restored =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()),
            ClickTouchSerializerTest.class.getClassLoader());
    assertThat(restored.restoreSerializer()).isEqualTo(serializer);
    assertThat(
            serializer
                .snapshotConfiguration()
                .resolveSchemaCompatibility(restored)
                .isCompatibleAsIs())
        .isTrue();
  }

  @Test
  void flinksTypeExtractionPicksTheSerializerEverywhereATouchTravels() {
    assertThat(TypeInformation.of(ClickTouch.class)).isSameAs(ClickTouchSerializer.TYPE);
    TypeInformation<ConversionInput> input = TypeInformation.of(ConversionInput.class);
    assertThat(input).isInstanceOf(PojoTypeInfo.class);
    PojoTypeInfo<ConversionInput> pojo = (PojoTypeInfo<ConversionInput>) input;
    assertThat(pojo.getTypeAt("journey").toString()).contains("ClickTouchSerializer");
    assertThat(
            AttributionState.CONVERSION_INPUT
                .createSerializer(new SerializerConfigImpl())
                .toString())
        .doesNotContain("Kryo");
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
