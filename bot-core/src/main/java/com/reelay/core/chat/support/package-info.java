/**
 * What every part of Reelay needs once and adapters may use too: the secret mask, named daemon
 * threads, unwrapping a future's failure and a capped one-shot streaming request body. Lives
 * under {@code chat} because adapters may import from bot-core only the chat port and this.
 */
package com.reelay.core.chat.support;
