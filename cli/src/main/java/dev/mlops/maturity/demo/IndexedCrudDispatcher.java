package dev.mlops.maturity.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * The Fabric8 CRUD dispatcher with an index by resource, namespace and name, so that finding one
 * object (every create's conflict check, every GET, PUT, PATCH and DELETE of a named object) costs
 * what it costs on a real API server instead of a scan of every stored object. Without it, filling
 * the mock with 40,000 objects is quadratic and the 2x scale never gets to the operator.
 *
 * <p>Lookups the index cannot answer exactly (no namespace, no name: collections, cluster-scoped
 * objects) fall back to the dispatcher's own scan, so answers are the same as without it.
 *
 * <p>It also answers chunked LISTs ({@code limit}/{@code continue}, see {@link ListPages}), which the
 * Fabric8 mock ignores (it always sends every object in one response), and resumes watches from
 * their resourceVersion ({@link ResumedWatch}) instead of replaying every object.
 */
public final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
  private static final String PLURAL = "plural";
  private static final String NAMESPACE = "namespace";
  private static final String NAME = "name";

  /** Keys of the stored objects by (plural, namespace, name); may hold stale keys, checked against the map on use. */
  private final Map<List<Attribute>, Set<AttributeSet>> index = new ConcurrentHashMap<>();
  private final ListPages pages = new ListPages();
  // the store is a LinkedHashMap guarded by the superclass's private lock; a chunked LIST must read it under that lock
  private final ReadWriteLock storeLock = superField("lock", ReadWriteLock.class);
  private final AtomicLong storeVersion = superField("resourceVersion", AtomicLong.class);

  /**
   * What {@code KubernetesMixedDispatcher} does (a recorded expectation answers first, then the CRUD
   * store), with the indexed store: a drop-in for {@code new KubernetesMixedDispatcher(responses)}.
   */
  public static Dispatcher mixed(Map<ServerRequest, Queue<ServerResponse>> responses) {
    MockDispatcher expectations = new MockDispatcher(responses);
    IndexedCrudDispatcher crud = new IndexedCrudDispatcher();
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        Queue<ServerResponse> expected = responses.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        return expected != null && !expected.isEmpty() ? expectations.dispatch(request) : crud.dispatch(request);
      }
    };
  }

  @Override
  public MockResponse handleGet(String path) {
    ListRequest request = ListRequest.parse(path);
    if (request.watch() || (request.limit() <= 0 && request.continueToken() == null)) {
      return super.handleGet(path);
    }
    AttributeSet query = getAttributeExtractor().fromPath(request.pathWithoutPaging());
    if (query.containsKey(NAME)) {
      return super.handleGet(request.pathWithoutPaging()); // a named object: limit does not apply
    }
    ListPages.Page page;
    if (request.continueToken() != null) {
      var next = pages.next(request.continueToken(), request.limit());
      if (next.isEmpty()) {
        return new MockResponse().setResponseCode(410).setBody(ListPages.expired());
      }
      page = next.get();
    } else {
      List<String> items = new ArrayList<>();
      String version;
      storeLock.readLock().lock();
      try {
        map.forEach((key, json) -> {
          if (key.matches(query)) {
            items.add(json);
          }
        });
        version = Long.toString(storeVersion.get());
      } finally {
        storeLock.readLock().unlock();
      }
      page = pages.first(items, version, request.limit());
    }
    return new MockResponse().setResponseCode(200).setBody(page.json());
  }

  @Override
  public MockResponse handleWatch(String path) {
    MockResponse response = super.handleWatch(path);
    if (response.getWebSocketListener() != null) {
      response.withWebSocketUpgrade(ResumedWatch.of(response.getWebSocketListener(), path));
    }
    return response;
  }

  private <T> T superField(String name, Class<T> type) {
    try {
      Field f = KubernetesCrudDispatcher.class.getDeclaredField(name);
      f.setAccessible(true);
      return type.cast(f.get(this));
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("KubernetesCrudDispatcher has no " + type.getSimpleName() + " field '" + name
          + "' any more; chunked LISTs need it (Fabric8 mock upgraded?)", e);
    }
  }

  @Override
  public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
    List<Attribute> identity = identity(query);
    if (identity == null) {
      return super.findResource(query);
    }
    Set<AttributeSet> keys = index.get(identity);
    if (keys == null) {
      return null;
    }
    for (AttributeSet key : keys) {
      String value = map.get(key);
      if (value != null && key.matches(query)) {
        return Map.entry(key, value);
      }
    }
    return null;
  }

  @Override
  public void processEvent(String path, AttributeSet pathAttributes, AttributeSet oldAttributes, GenericKubernetesResource resource,
      String json) {
    super.processEvent(path, pathAttributes, oldAttributes, resource, json);
    if (oldAttributes != null) {
      List<Attribute> old = identity(oldAttributes);
      if (old != null) {
        index.computeIfPresent(old, (k, keys) -> {
          keys.remove(oldAttributes);
          return keys.isEmpty() ? null : keys;
        });
      }
    }
    if (json != null) {
      AttributeSet stored = storedKey(pathAttributes, resource, json);
      List<Attribute> identity = identity(stored);
      if (identity != null) {
        index.computeIfAbsent(identity, k -> ConcurrentHashMap.newKeySet()).add(stored);
      }
    }
  }

  @Override
  public void reset() {
    super.reset();
    index.clear();
  }

  /** The key {@link KubernetesCrudDispatcher#processEvent} stores the object under. */
  private AttributeSet storedKey(AttributeSet pathAttributes, GenericKubernetesResource resource, String json) {
    KubernetesAttributesExtractor extractor = (KubernetesAttributesExtractor) getAttributeExtractor();
    AttributeSet key = resource != null ? extractor.extract(resource) : extractor.fromResource(json);
    return key.containsKey(PLURAL) ? key : AttributeSet.merge(pathAttributes, key);
  }

  private static List<Attribute> identity(AttributeSet attributes) {
    Attribute plural = attributes.getAttribute(PLURAL);
    Attribute namespace = attributes.getAttribute(NAMESPACE);
    Attribute name = attributes.getAttribute(NAME);
    if (!exact(plural) || !exact(namespace) || !exact(name)) {
      return null;
    }
    return List.of(plural, namespace, name);
  }

  /** An equality on one value: the only kind of attribute whose matches are found by equality. */
  private static boolean exact(Attribute attribute) {
    return attribute != null && attribute.getType() == AttributeType.WITH && attribute.getValues().size() == 1;
  }
}
