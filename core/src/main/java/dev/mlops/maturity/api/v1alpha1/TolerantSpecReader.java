package dev.mlops.maturity.api.v1alpha1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a MaturityTarget spec field by field, so a value of the wrong type (where the API server does
 * not enforce the CRD schema: {@code targetLevel: "three"}, a string selector, a map as {@code expires})
 * leaves that field unset and is recorded in {@link MaturityTargetSpec#unreadable} by its path, instead
 * of failing the whole list or watch of MaturityTargets for every team (issue 19).
 */
public final class TolerantSpecReader extends StdDeserializer<MaturityTargetSpec> {
  private static final int MAX_VALUE_TEXT = 40;

  public TolerantSpecReader() {
    super(MaturityTargetSpec.class);
  }

  @Override
  public MaturityTargetSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonNode node = ctxt.readTree(p);
    MaturityTargetSpec spec = new MaturityTargetSpec();
    if (!node.isObject()) {
      spec.unreadable.put("spec", "must be an object, got " + describe(node));
      return spec;
    }
    fill(spec, node, "spec", spec.unreadable, ctxt);
    return spec;
  }

  private static void fill(Object target, JsonNode node, String path, Map<String, String> unreadable, DeserializationContext ctxt) {
    for (Field f : target.getClass().getFields()) {
      if (Modifier.isStatic(f.getModifiers()) || f.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonIgnore.class)
          || !node.has(f.getName())) {
        continue;
      }
      String at = path + "." + f.getName();
      JsonNode value = node.get(f.getName());
      Object read = read(value, f, at, unreadable, ctxt);
      try {
        f.set(target, read);
      } catch (IllegalAccessException e) {
        unreadable.put(at, "cannot be set");
      }
    }
  }

  private static Object read(JsonNode value, Field f, String at, Map<String, String> unreadable, DeserializationContext ctxt) {
    JavaType type = ctxt.getTypeFactory().constructType(f.getGenericType());
    try {
      return ctxt.readTreeAsValue(value, type);
    } catch (IOException | RuntimeException e) {
      // our own nested types are read member by member, so the path names the innermost wrong field
      if (ownType(f.getType()) && value.isObject()) {
        return nested(f.getType(), value, at, unreadable, ctxt);
      }
      if (List.class.equals(f.getType()) && value.isArray() && f.getGenericType() instanceof ParameterizedType pt
          && pt.getActualTypeArguments()[0] instanceof Class<?> element && ownType(element)) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
          JsonNode item = value.get(i);
          String itemAt = at + "[" + i + "]";
          if (item.isObject()) {
            out.add(nested(element, item, itemAt, unreadable, ctxt));
          } else {
            unreadable.put(itemAt, "must be an object, got " + describe(item));
          }
        }
        return out;
      }
      unreadable.put(at, "must be " + expected(f.getType()) + ", got " + describe(value));
      return null;
    }
  }

  private static Object nested(Class<?> type, JsonNode value, String at, Map<String, String> unreadable, DeserializationContext ctxt) {
    try {
      Object instance = type.getDeclaredConstructor().newInstance();
      fill(instance, value, at, unreadable, ctxt);
      return instance;
    } catch (ReflectiveOperationException e) {
      unreadable.put(at, "cannot be read");
      return null;
    }
  }

  private static boolean ownType(Class<?> type) {
    return type.getPackage() != null && type.getPackage().equals(TolerantSpecReader.class.getPackage());
  }

  private static String expected(Class<?> type) {
    if (Number.class.isAssignableFrom(type)) {
      return "an integer";
    }
    if (String.class.equals(type)) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "an object";
  }

  private static String describe(JsonNode value) {
    String kind = value.isObject() ? "an object" : value.isArray() ? "a list" : value.isTextual() ? "the string" : value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    if (value.isValueNode() && !value.isNull()) {
      String text = value.asText();
      return kind + " '" + (text.length() > MAX_VALUE_TEXT ? text.substring(0, MAX_VALUE_TEXT) + "..." : text) + "'";
    }
    return kind;
  }
}
