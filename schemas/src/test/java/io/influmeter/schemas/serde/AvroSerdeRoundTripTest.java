package io.influmeter.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.schemas.RandomRecords;
import io.influmeter.schemas.TopicSpec;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.registry.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeRoundTripTest {

  private static final int SEEDS_PER_TYPE = 5;

  private final SchemaRegistry registry = new BuiltInSchemaRegistry();

  static Stream<Arguments> topicsAndSeeds() {
    return Topics.valueTopics().stream()
        .flatMap(
            topic ->
                Stream.iterate(1L, seed -> seed + 1)
                    .limit(SEEDS_PER_TYPE)
                    .map(seed -> Arguments.of(topic.name(), seed)));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("topicsAndSeeds")
  void everyRecordTypeSurvivesARoundTripThroughTheWireFormat(String topicName, long seed) {
    roundTrip(Topics.byName(topicName).orElseThrow(), seed);
  }

  @Test
  void aNullValueIsATombstoneBothWays() {
    AvroSerde<?> serde = Serdes.forTopic(Topics.REFERRAL_LINKS, registry);

    assertThat(serde.serialize("referral.links", null)).isNull();
    assertThat(serde.deserialize("referral.links", null)).isNull();
  }

  @Test
  void encodedBytesStartWithTheMagicByteAndTheDeterministicSchemaId() {
    var serde = Serdes.forTopic(Topics.CLICKS, registry);
    var click = new RandomRecords(7).next(Topics.CLICKS.valueClass());

    byte[] bytes = serde.encode("clicks", click);

    assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
    assertThat(WireFormat.schemaIdOf(bytes))
        .isEqualTo(BuiltInSchemaRegistry.idOf(Topics.CLICKS.valueSchema()));
  }

  @Test
  void oneSerdeIsSafeToShareBetweenThreads() throws Exception {
    var serde = Serdes.forTopic(Topics.CONVERSIONS, registry);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        long seed = thread;
        results.add(
            pool.submit(
                () -> {
                  RandomRecords random = new RandomRecords(seed);
                  for (int i = 0; i < 500; i++) {
                    var conversion = random.next(Topics.CONVERSIONS.valueClass());
                    if (!conversion.equals(
                        serde.decode(
                            "conversions", 0, i, serde.encode("conversions", conversion)))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private <V extends SpecificRecord> void roundTrip(TopicSpec<V> topic, long seed) {
    AvroSerde<V> serde = Serdes.forTopic(topic, registry);
    V original = new RandomRecords(seed).next(topic.valueClass());

    byte[] bytes = serde.serialize(topic.name(), original);
    V decoded = serde.decode(topic.name(), 0, 10L, bytes);

    assertThat(decoded).isEqualTo(original);
    assertThat(decoded).isNotSameAs(original);
  }
}
