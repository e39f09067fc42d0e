/**
 * The conversation engine. Public: {@link com.reelay.core.conversation.ConversationEngine} (a
 * facade: register platforms, accept events, resume, close) and
 * {@link com.reelay.core.conversation.EngineSettings}. Everything else is package-private:
 * <pre>
 *  Inbound ──► IntentReader ──► (Retry / quick edit resolved: RetryBook, QuickEdits) ──► Admission ──refused──► Replies.refuse
 *                                   │
 *                 ┌─────────────────┴──────────────────┐
 *           instant intent                        lane intent
 *  (help, cancel, credits, status,       (chat, upload, export, new, open project)
 *   projects, language)                               │
 *          InstantAnswers                 LaneScheduler (InProcessLanes: ChatLane per chat,
 *                 │                         RequestSlots across chats, queued rows in the store;
 *                 │                         WaitingLine: place, estimate, acknowledgement moving up)
 *                 │                                    │ turn starts: LaneTurns.announce (progress posted,
 *                 │                                    │ or the acknowledgement carries on; typing refreshed)
 *                 │                                    ▼
 *                 │     LaneTurns ─► ChatTurn │ UploadTurn │ ExportTurn │ NewProjectTurn │ OpenProjectTurn
 *                 │                                    │        PromptStream (SSE → progress → reply + receipt)
 *                 │                                    │        RenderJobs (poll → link + receipt, once)
 *                 ▼                                    ▼        Balances (before/after, usual export cost)
 *              Replies (TextSplitter, ProgressMessage paced by EditPace, failure wording + Retry + refund)
 *                 ▼
 *              CountingOutput ─► the platform's ChatOutput
 * </pre>
 * Every sentence people read comes from {@code Phrases}, typed sentences over the chat's
 * {@link com.reelay.core.chat.Phrasebook} (one resource file per language) picked by
 * {@code ChatLanguages}: the language chosen with /language, else the asker's. Projects a chat
 * started are kept by {@code ChatProjects}. Blocking NemoVideo calls run on {@code Workers};
 * meters go to the injected registry ({@code EngineMetrics}). After a restart {@code Recovery}
 * resumes render jobs and waiting requests from the store and explains the request that was
 * running; in a fleet it does so chat by chat, for each chat the instance takes over ({@code adopt}).
 */
package com.reelay.core.conversation;
