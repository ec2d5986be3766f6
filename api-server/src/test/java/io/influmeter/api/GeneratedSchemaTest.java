package io.influmeter.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.influmeter.api.db.DefaultSchema;
import io.influmeter.api.support.TestDatabase;
import io.influmeter.embedded.junit.EmbeddedServices;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * jOOQ's classes come from the migration scripts as jOOQ's DDLDatabase understands them (it
 * simulates the DDL on H2); the database comes from the same scripts as PostgreSQL runs them. This
 * test catches the two drifting apart: every table and column must match by name.
 */
@ExtendWith(EmbeddedServices.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class GeneratedSchemaTest {

  @Test
  void the_generated_jooq_tables_and_columns_are_exactly_those_flyway_created_in_postgresql() {
    var dsl = TestDatabase.get().dsl();
    Set<String> generated = new TreeSet<>();
    for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
      for (Field<?> field : table.fields()) {
        generated.add(table.getName() + "." + field.getName());
      }
    }
    Set<String> migrated =
        dsl
            .select(DSL.field("table_name", String.class), DSL.field("column_name", String.class))
            .from(DSL.table("information_schema.columns"))
            .where(DSL.field("table_schema", String.class).eq("public"))
            .and(DSL.field("table_name", String.class).ne("flyway_schema_history"))
            .fetch(r -> r.value1() + "." + r.value2())
            .stream()
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(generated).isNotEmpty().isEqualTo(migrated);
  }
}
