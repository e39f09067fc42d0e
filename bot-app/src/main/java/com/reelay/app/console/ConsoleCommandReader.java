package com.reelay.app.console;

import com.reelay.core.chat.Attachment;
import com.reelay.core.chat.Inbound;
import com.reelay.core.chat.Phrasebook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Turns a typed line into what a platform would deliver: text, a command, or (for
 * {@code /upload <path-or-url> [caption]}) files. Paths with spaces can be quoted.
 */
final class ConsoleCommandReader {

    /** Either content for the engine or a problem to print; never both. */
    record Parsed(Inbound.Content content, String problem) {
    }

    private final Phrasebook book;

    ConsoleCommandReader(Phrasebook book) {
        this.book = book;
    }

    Parsed read(String line) {
        if (!line.startsWith("/") || line.length() == 1) {
            return new Parsed(new Inbound.Text(line), null);
        }
        int space = line.indexOf(' ');
        String name = (space < 0 ? line.substring(1) : line.substring(1, space)).toLowerCase(Locale.ROOT);
        String args = space < 0 ? "" : line.substring(space + 1).strip();
        if (!name.equals("upload")) {
            return new Parsed(new Inbound.Command(name, args), null);
        }
        if (args.isEmpty()) {
            return new Parsed(null, book.phrase("console.upload_usage"));
        }
        String target;
        String caption;
        if (args.startsWith("\"")) {
            int close = args.indexOf('"', 1);
            if (close < 0) {
                return new Parsed(null, book.phrase("console.missing_quote", "text", args));
            }
            target = args.substring(1, close);
            caption = args.substring(close + 1).strip();
        } else {
            int end = args.indexOf(' ');
            target = end < 0 ? args : args.substring(0, end);
            caption = end < 0 ? "" : args.substring(end + 1).strip();
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return new Parsed(new Inbound.Files(List.of(new Attachment.Link(target)), caption), null);
        }
        return file(target, caption);
    }

    private Parsed file(String target, String caption) {
        Path path;
        try {
            String expanded = target.startsWith("~/") ? System.getProperty("user.home") + target.substring(1) : target;
            path = Path.of(expanded);
        } catch (InvalidPathException e) {
            return new Parsed(null, book.phrase("console.not_a_path", "path", target));
        }
        if (!Files.isRegularFile(path)) {
            return new Parsed(null, book.phrase("console.no_such_file", "path", target));
        }
        try {
            long size = Files.size(path);
            String type = Files.probeContentType(path);
            Attachment.Upload upload = new Attachment.Upload(path.getFileName().toString(), size,
                    type == null ? "application/octet-stream" : type, () -> Files.newInputStream(path));
            return new Parsed(new Inbound.Files(List.of(upload), caption), null);
        } catch (IOException e) {
            return new Parsed(null, book.phrase("console.unreadable", "path", target, "reason", String.valueOf(e.getMessage())));
        }
    }
}
