package io.influmeter.local;

import io.influmeter.events.ClickEvent;
import io.influmeter.schemas.Topics;
import io.influmeter.schemas.registry.BuiltInSchemaRegistry;
import io.influmeter.schemas.serde.AvroSerde;
import io.influmeter.schemas.serde.Serdes;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A bounded Kafka -> Flink -> Kafka job: Avro clicks in, upper-cased slugs out. */
final class TrivialFlinkJob {

  private TrivialFlinkJob() {}

  static void run(StreamExecutionEnvironment env, String bootstrap, String input, String output)
      throws Exception {
    env.setParallelism(2);
    KafkaSource<ClickEvent> source =
        KafkaSource.<ClickEvent>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(input)
            .setGroupId("trivial-job")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .setDeserializer(new ClickDeserializer())
            .build();
    KafkaSink<String> sink =
        KafkaSink.<String>builder()
            .setBootstrapServers(bootstrap)
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            .setRecordSerializer(
                KafkaRecordSerializationSchema.<String>builder()
                    .setTopic(output)
                    .setValueSerializationSchema(new SimpleStringSchema(StandardCharsets.UTF_8))
                    .build())
            .build();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "clicks")
        .map(click -> click.getSlug().toUpperCase(Locale.ROOT))
        .name("upper-case slug")
        .sinkTo(sink)
        .name("slugs");
    env.execute("trivial-flink-job");
  }

  /**
   * Deterministic schema ids let each task build its own built-in registry in {@code open}: nothing
   * unserializable travels with the job graph.
   */
  static final class ClickDeserializer implements KafkaRecordDeserializationSchema<ClickEvent> {
    private transient AvroSerde<ClickEvent> serde;

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
      serde = Serdes.forTopic(Topics.CLICKS, new BuiltInSchemaRegistry());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ClickEvent> out) {
      out.collect(
          serde.decode(record.topic(), record.partition(), record.offset(), record.value()));
    }

    @Override
    public TypeInformation<ClickEvent> getProducedType() {
      return TypeInformation.of(ClickEvent.class);
    }
  }
}
