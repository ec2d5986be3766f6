package io.influmeter.ingest.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A small HTTP/1.1 load generator over keep-alive loopback sockets, one thread per connection, for
 * what wrk cannot do here: a constant request rate (wrk2 is not packaged) and thousands of distinct
 * signed bodies. Requests are pre-built bytes, so the generator costs little CPU.
 *
 * <p>Constant rate is open-loop: request {@code i} is due at {@code start + i / rate} whatever
 * happened before, and its latency is measured from that intended time, not from when a connection
 * got free to send it; a stalled server thus shows up in every request that queued behind it (no
 * coordinated omission, as in wrk2).
 */
final class HttpLoad {

  /** Outcome of a run; latencies in nanoseconds, sorted. */
  record Result(
      long requests, double seconds, long[] latencies, long[] statuses, long errors, long unsent) {

    double rate() {
      return requests / seconds;
    }

    double percentileMs(double percentile) {
      if (latencies.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(percentile / 100.0 * latencies.length) - 1;
      return latencies[Math.max(0, Math.min(index, latencies.length - 1))] / 1e6;
    }

    long status(int code) {
      return statuses[code];
    }
  }

  private HttpLoad() {}

  /** {@code total} requests over {@code connections}, each sent as soon as its answer is read. */
  static Result closedLoop(int port, int connections, int total, IntFunction<byte[]> request)
      throws InterruptedException {
    return run(port, connections, total, 0, request);
  }

  /** Requests at {@code perSecond} for {@code duration}, latency from each intended send time. */
  static Result constantRate(
      int port, int connections, int perSecond, Duration duration, IntFunction<byte[]> request)
      throws InterruptedException {
    int total = (int) (perSecond * duration.toMillis() / 1000);
    return run(port, connections, total, 1_000_000_000L / perSecond, request);
  }

  private static Result run(
      int port, int connections, int total, long intervalNanos, IntFunction<byte[]> request)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    long[] latencies = new long[total];
    Arrays.fill(latencies, -1);
    AtomicLongArray statuses = new AtomicLongArray(600);
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime() + 10_000_000L;
    // A constant-rate run that the server cannot keep up with stops sending at twice its length
    // (the unsent requests are reported), so a benchmark never runs away.
    long stopSending = intervalNanos > 0 ? start + 2 * intervalNanos * total : Long.MAX_VALUE;
    List<Thread> workers = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread worker =
          new Thread(
              () -> {
                Connection connection = null;
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                  long intended;
                  if (System.nanoTime() - stopSending > 0) {
                    break;
                  }
                  if (intervalNanos > 0) {
                    intended = start + i * intervalNanos;
                    for (long wait = intended - System.nanoTime();
                        wait > 0;
                        wait = intended - System.nanoTime()) {
                      LockSupport.parkNanos(wait);
                    }
                  } else {
                    intended = System.nanoTime();
                  }
                  try {
                    if (connection == null) {
                      connection = new Connection(port);
                    }
                    int status = connection.exchange(request.apply(i));
                    latencies[i] = System.nanoTime() - intended;
                    statuses.incrementAndGet(Math.min(Math.max(status, 0), 599));
                    if (connection.closed) {
                      connection.close();
                      connection = null;
                    }
                  } catch (IOException e) {
                    errors.incrementAndGet();
                    if (connection != null) {
                      connection.close();
                      connection = null;
                    }
                  }
                }
                if (connection != null) {
                  connection.close();
                }
              },
              "load-" + c);
      worker.setDaemon(true);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      worker.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] answered = Arrays.stream(latencies).filter(latency -> latency >= 0).sorted().toArray();
    long[] counts = new long[600];
    for (int code = 0; code < counts.length; code++) {
      counts[code] = statuses.get(code);
    }
    long unsent = Math.max(0, total - answered.length - errors.get());
    return new Result(answered.length, seconds, answered, counts, errors.get(), unsent);
  }

  /** A GET with the given headers ({@code name: value} lines), pre-built. */
  static byte[] get(String path, String... headers) {
    StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
    request.append("Host: 127.0.0.1\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    return request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** A POST of {@code body} with the given headers, pre-built. */
  static byte[] post(String path, byte[] body, String... headers) {
    StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\n").append("Content-Length: ").append(body.length);
    head.append("\r\n");
    for (String header : headers) {
      head.append(header).append("\r\n");
    }
    byte[] start = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    byte[] request = Arrays.copyOf(start, start.length + body.length);
    System.arraycopy(body, 0, request, start.length, body.length);
    return request;
  }

  /** One keep-alive connection: writes a request, reads one response (length or chunked). */
  private static final class Connection {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    boolean closed;

    Connection(int port) throws IOException {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    int exchange(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String statusLine = line();
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = 0;
      boolean chunked = false;
      for (String header = line(); !header.isEmpty(); header = line()) {
        String lower = header.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          closed = true;
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(line().trim(), 16); size > 0; ) {
          skip(size + 2);
          size = Long.parseLong(line().trim(), 16);
        }
        line();
      } else {
        skip(length);
      }
      return status;
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("connection closed");
        }
        if (b != '\r') {
          line.append((char) b);
        }
      }
      return line.toString();
    }

    private void skip(long bytes) throws IOException {
      for (long left = bytes; left > 0; ) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new IOException("connection closed");
          }
          skipped = 1;
        }
        left -= skipped;
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
