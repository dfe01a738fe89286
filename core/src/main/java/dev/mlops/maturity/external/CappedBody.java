package dev.mlops.maturity.external;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read one chunk at a time up to a cap: past the cap it cancels the stream (the
 * connection is dropped, the rest is never read) and fails with {@link TooLarge}. Memory stays
 * bounded by the cap plus one chunk.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The body was longer than the cap. */
  static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  private final long cap;
  private final boolean keep;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private volatile Flow.Subscription subscription;
  private long received;

  /** @param keep false: the body is not needed (the status says it all), so none of it is read */
  CappedBody(long cap, boolean keep) {
    this.cap = cap;
    this.keep = keep;
  }

  /** A body the server announced as longer than the cap: refused before a byte is read. */
  static CappedBody refused() {
    CappedBody b = new CappedBody(0, false);
    b.body.completeExceptionally(new TooLarge());
    return b;
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (!keep || body.isDone()) {
      s.cancel();
      body.complete(new byte[0]);
      return;
    }
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> chunk) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer b : chunk) {
      received += b.remaining();
      if (received > cap) {
        subscription.cancel();
        body.completeExceptionally(new TooLarge());
        return;
      }
      byte[] copy = new byte[b.remaining()];
      b.get(copy);
      bytes.write(copy, 0, copy.length);
    }
    subscription.request(1);
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }

  /** Stops reading (the total deadline passed). */
  void abort() {
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
