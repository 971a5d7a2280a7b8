package io.switchboard.conversation.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.switchboard.conversation.domain.Upload;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** The {@code upload} table: files operators sent, with their bytes. */
@ApplicationScoped
@WithSession
public class UploadRepository implements PanacheRepositoryBase<Upload, UUID> {
}
