/**
 * The conversation engine. Public: {@link com.reelay.core.conversation.ConversationEngine} (a
 * facade: register platforms, accept events, resume, close) and
 * {@link com.reelay.core.conversation.EngineSettings}. Everything else is package-private:
 * <pre>
 *  Inbound ──► IntentReader ──► Admission ──refused──► Replies.refuse
 *                                   │
 *                 ┌─────────────────┴──────────────────┐
 *           instant intent                        lane intent
 *     (help, cancel, credits, status)     (chat, upload, export, new)
 *                 │                                    │
 *          InstantAnswers                 LaneScheduler (InProcessLanes: ChatLane per chat,
 *                 │                         RequestSlots across chats, queued rows in the store)
 *                 │                                    │ turn starts: LaneTurns.announce (progress posted)
 *                 │                                    ▼
 *                 │                 LaneTurns ─► ChatTurn │ UploadTurn │ ExportTurn │ NewProjectTurn
 *                 │                                    │        PromptStream (SSE → progress → reply)
 *                 │                                    │        RenderJobs (poll → link, once)
 *                 ▼                                    ▼
 *              Replies (TextSplitter, ProgressMessage paced by EditPace, failure wording)
 *                 ▼
 *              CountingOutput ─► the platform's ChatOutput
 * </pre>
 * Every sentence people read comes from {@code Phrases}. Blocking NemoVideo calls run on
 * {@code Workers}; meters go to the injected registry ({@code EngineMetrics}). After a restart
 * {@code Recovery} resumes render jobs and waiting requests from the store.
 */
package com.reelay.core.conversation;
