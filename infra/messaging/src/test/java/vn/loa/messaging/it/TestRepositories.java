package vn.loa.messaging.it;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface ThingRepository extends JpaRepository<Thing, UUID> {
}

interface EffectRepository extends JpaRepository<Effect, UUID> {
}
