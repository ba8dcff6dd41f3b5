package vn.loa.support.it;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface Notes extends JpaRepository<Note, UUID> {
}
