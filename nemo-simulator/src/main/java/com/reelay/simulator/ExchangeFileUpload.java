package com.reelay.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.AbstractRequestContext;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;

/**
 * Commons FileUpload for the JDK HttpServer, streaming only: parts are read straight off the wire
 * through {@link #getItemIterator(HttpExchange)}. The buffering parse methods are refused on purpose,
 * because the simulator must never hold an uploaded file in memory or on disk.
 */
final class ExchangeFileUpload extends AbstractFileUpload<HttpExchange, DiskFileItem, DiskFileItemFactory> {

    @Override
    public FileItemInputIterator getItemIterator(HttpExchange exchange) throws FileUploadException, IOException {
        return getItemIterator(new ExchangeRequestContext(exchange));
    }

    @Override
    public List<DiskFileItem> parseRequest(HttpExchange exchange) {
        throw new UnsupportedOperationException("uploads are streamed, never buffered");
    }

    @Override
    public Map<String, List<DiskFileItem>> parseParameterMap(HttpExchange exchange) {
        throw new UnsupportedOperationException("uploads are streamed, never buffered");
    }

    private static final class ExchangeRequestContext extends AbstractRequestContext<HttpExchange> {
        ExchangeRequestContext(HttpExchange exchange) {
            super(exchange.getRequestHeaders()::getFirst, () -> -1L, exchange);
        }

        @Override
        public String getCharacterEncoding() {
            String type = getContentType();
            if (type == null) {
                return null;
            }
            for (String param : type.split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String name = p.substring(8).replace("\"", "").trim();
                    return Charset.isSupported(name) ? name : null;
                }
            }
            return null;
        }

        @Override
        public String getContentType() {
            return getRequest().getRequestHeaders().getFirst("Content-Type");
        }

        @Override
        public InputStream getInputStream() {
            return getRequest().getRequestBody();
        }
    }
}
