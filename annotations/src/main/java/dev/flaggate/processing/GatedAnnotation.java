package dev.flaggate.processing;

import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * The {@code @FlagGated} annotation of one method, read through the mirror API: the processor must
 * not load {@code comparator} classes, which may not be compiled yet.
 */
final class GatedAnnotation {

  private final AnnotationMirror mirror;
  private final Map<? extends ExecutableElement, ? extends AnnotationValue> values;

  private GatedAnnotation(AnnotationMirror mirror, Elements elements) {
    this.mirror = mirror;
    this.values = elements.getElementValuesWithDefaults(mirror);
  }

  /** The {@code @FlagGated} of {@code method}, or {@code null} when it carries none. */
  static GatedAnnotation of(Element method, Elements elements) {
    AnnotationMirror found = mirrorOf(method, FlagGatedProcessor.FLAG_GATED);
    return found == null ? null : new GatedAnnotation(found, elements);
  }

  static AnnotationMirror mirrorOf(Element element, String annotationType) {
    for (AnnotationMirror candidate : element.getAnnotationMirrors()) {
      if (candidate.getAnnotationType().toString().equals(annotationType)) {
        return candidate;
      }
    }
    return null;
  }

  AnnotationMirror mirror() {
    return mirror;
  }

  /** The value written in source for {@code name}, or {@code null} when the default applies. */
  AnnotationValue written(String name) {
    for (var entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  String string(String name) {
    Object value = value(name);
    return value instanceof String text ? text : "";
  }

  /** A {@code Class} member as a type, or {@code null} when it does not resolve (javac reports that). */
  TypeMirror type(String name) {
    Object value = value(name);
    return value instanceof TypeMirror type ? type : null;
  }

  private Object value(String name) {
    for (var entry : values.entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue().getValue();
      }
    }
    return null;
  }
}
