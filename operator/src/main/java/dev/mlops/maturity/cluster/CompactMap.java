package dev.mlops.maturity.cluster;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A read-only, insertion-ordered map over one flat array (key, value, key, value ...), for the
 * informer cache: a LinkedHashMap costs about 40 bytes per entry plus its table and header, this
 * about 8. Lookups scan the array, which is fast for the small maps Kubernetes objects are made
 * of; null values are kept, like JSON nulls.
 */
final class CompactMap<V> extends AbstractMap<String, V> {
  private final Object[] slots;

  private CompactMap(Object[] slots) {
    this.slots = slots;
  }

  /** An insertion-ordered copy; values are taken as given (the caller compacts them first). */
  static <V> CompactMap<V> copyOf(Map<String, ? extends V> source) {
    Object[] slots = new Object[source.size() * 2];
    int i = 0;
    for (Map.Entry<String, ? extends V> e : source.entrySet()) {
      slots[i++] = e.getKey();
      slots[i++] = e.getValue();
    }
    return new CompactMap<>(slots);
  }

  @Override
  public int size() {
    return slots.length / 2;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) slots[i + 1];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < slots.length; i += 2) {
      if (Objects.equals(slots[i], key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, V>> iterator() {
        return new Iterator<>() {
          private int i;

          @Override
          public boolean hasNext() {
            return i < slots.length;
          }

          @Override
          @SuppressWarnings("unchecked")
          public Entry<String, V> next() {
            if (i >= slots.length) {
              throw new NoSuchElementException();
            }
            Entry<String, V> e = new SimpleImmutableEntry<>((String) slots[i], (V) slots[i + 1]);
            i += 2;
            return e;
          }
        };
      }

      @Override
      public int size() {
        return slots.length / 2;
      }
    };
  }
}
