-- conversation-service schema, version 10: files operators send (issue 4).
--
-- An operator's upload (POST /api/conversations/{id}/messages as multipart) is kept here, bytes included, so that
-- telegram-ingest-service can fetch it (GET /internal/uploads/{id}) when it executes the send_media command, and so
-- that consoles can show it (GET /api/media/{attachmentId}, through attachment.upload_id). It goes with its
-- conversation.
create table upload (
    id              uuid        primary key,
    conversation_id uuid        not null references conversation (id) on delete cascade,
    file_name       text        not null,
    mime_type       text        not null,
    size            bigint      not null check (size >= 0),
    bytes           bytea       not null,
    created_at      timestamptz not null
);

create index upload_conversation_idx on upload (conversation_id);

-- attachment (V8) names the upload an OUTBOUND attachment was sent from.
alter table attachment
    add constraint attachment_upload_fk foreign key (upload_id) references upload (id) on delete set null;
