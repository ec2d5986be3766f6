package io.influmeter.ingest.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads durable records in append order across segments, skipping torn or corrupt tails. */
final class SpoolReader {

  private static final Logger LOG = LoggerFactory.getLogger(SpoolReader.class);

  private final NavigableMap<Long, Segment> segments;
  private final AtomicLong corrupt;

  SpoolReader(NavigableMap<Long, Segment> segments, AtomicLong corrupt) {
    this.segments = segments;
    this.corrupt = corrupt;
  }

  SpoolBatch read(SpoolPosition from, int maxRecords) {
    List<SpoolBatch.Spooled> records = new ArrayList<>();
    SpoolPosition position = from;
    Map.Entry<Long, Segment> entry = segments.ceilingEntry(from.segment());
    while (entry != null && records.size() < maxRecords) {
      Segment segment = entry.getValue();
      long start = segment.sequence == position.segment() ? position.offset() : 0;
      long end = readSegment(segment, start, maxRecords, records);
      position = new SpoolPosition(segment.sequence, end);
      // The active segment may still grow; a closed one read to its end moves us on.
      if (!segment.closed || end < segment.durableEnd) {
        break;
      }
      entry = segments.higherEntry(segment.sequence);
    }
    return new SpoolBatch(records, position);
  }

  private long readSegment(
      Segment segment, long start, int maxRecords, List<SpoolBatch.Spooled> records) {
    long limit = segment.durableEnd;
    long offset = start;
    try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(SpoolCodec.FRAME_HEADER_BYTES);
      while (records.size() < maxRecords && offset < limit) {
        if (offset + SpoolCodec.FRAME_HEADER_BYTES > limit) {
          return skipTail(segment, limit, "truncated frame header at " + offset);
        }
        header.clear();
        readFully(channel, header, offset);
        int length = header.getInt(0);
        int crc = header.getInt(4);
        if (length <= 0
            || length > SpoolCodec.MAX_PAYLOAD_BYTES
            || offset + SpoolCodec.FRAME_HEADER_BYTES + length > limit) {
          return skipTail(segment, limit, "torn record at " + offset + " (length " + length + ")");
        }
        byte[] payload = new byte[length];
        readFully(channel, ByteBuffer.wrap(payload), offset + SpoolCodec.FRAME_HEADER_BYTES);
        if (!SpoolCodec.crcMatches(crc, payload)) {
          return skipTail(segment, limit, "CRC mismatch at " + offset);
        }
        SpoolPosition position = new SpoolPosition(segment.sequence, offset);
        offset += SpoolCodec.FRAME_HEADER_BYTES + length;
        try {
          records.add(new SpoolBatch.Spooled(position, SpoolCodec.decodePayload(payload)));
        } catch (IllegalArgumentException e) {
          // The CRC matched, so the frame boundary is sound: skip just this record.
          corrupt.incrementAndGet();
          LOG.error("SPOOL RECORD SKIPPED in {}: {}", segment.path, e.getMessage());
        }
      }
      return offset;
    } catch (NoSuchFileException e) {
      return limit;
    } catch (IOException e) {
      LOG.error("Cannot read spool segment {}: {}", segment.path, e.toString());
      return offset;
    }
  }

  // Without a sync marker nothing after a bad frame can be trusted: a crash tears only the tail.
  private long skipTail(Segment segment, long limit, String reason) {
    if (!segment.tailReported) {
      segment.tailReported = true;
      corrupt.incrementAndGet();
      LOG.error("SPOOL SEGMENT {} ENDS IN A BAD RECORD, rest skipped: {}", segment.path, reason);
    }
    return limit;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("unexpected end of " + channel + " at " + at);
      }
      at += read;
    }
  }
}
