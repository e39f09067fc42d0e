/**
 * How {@link com.reelay.core.nemo.OkHttpNemoClient} works inside: envelope unwrapping, error
 * mapping, token refresh, the chat stream decoder, draft reading, render
 * watching and the OkHttp interceptor chain. Public only so that the client in the parent
 * package can use it; nothing outside {@code com.reelay.core.nemo} should import it.
 */
package com.reelay.core.nemo.internal;
