package org.mozilla.balrog.logs.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The report's data as JSON, embedded in the page in {@code <script type="application/json"
 * id="report-data">}: the {@link ReportData} record tree with snake_case keys, times as ISO-8601
 * UTC strings, dates as {@code YYYY-MM-DD}.
 *
 * <p>The text is safe inside a script element: {@code <}, {@code >} and {@code &} are written as
 * {@code \u003c}-style escapes (still valid JSON), so no data can close the element or open a
 * comment.
 */
public final class ReportJson {
  private static final ObjectMapper MAPPER = mapper();

  private ReportJson() {}

  /** The data as indented JSON, keys in declaration order, map entries sorted. */
  public static String write(ReportData data) {
    try {
      return MAPPER.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report data as JSON", e);
    }
  }

  /** Reads what {@link #write} wrote back into the record. */
  public static ReportData read(String json) {
    try {
      return MAPPER.readValue(json, ReportData.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not report data JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static ObjectMapper mapper() {
    SimpleModule time = new SimpleModule("report-time");
    time.addSerializer(Instant.class, new ToStringSerializer<>());
    time.addSerializer(LocalDate.class, new ToStringSerializer<>());
    time.addDeserializer(Instant.class, new InstantDeserializer());
    time.addDeserializer(LocalDate.class, new LocalDateDeserializer());
    ObjectMapper m = new ObjectMapper();
    m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    // the record components only: no is-getter (e.g. ImpactRow.isOverall) becomes a property
    m.setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
    m.registerModule(time);
    m.enable(SerializationFeature.INDENT_OUTPUT);
    m.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    m.getFactory().setCharacterEscapes(new ScriptSafeEscapes());
    return m;
  }

  private static final class ToStringSerializer<T> extends JsonSerializer<T> {
    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeString(value.toString());
    }
  }

  private static final class InstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return Instant.parse(p.getValueAsString());
    }
  }

  private static final class LocalDateDeserializer extends JsonDeserializer<LocalDate> {
    @Override
    public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return LocalDate.parse(p.getValueAsString());
    }
  }

  /**
   * JSON's own escapes plus {@code < > &} and the two JavaScript line terminators U+2028, U+2029.
   */
  private static final class ScriptSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    ScriptSafeEscapes() {
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x2028
          ? new SerializedString("\\u2028")
          : ch == 0x2029 ? new SerializedString("\\u2029") : null;
    }
  }
}
