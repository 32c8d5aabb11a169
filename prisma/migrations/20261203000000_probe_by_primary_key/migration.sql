-- Reservations and plans test whether an address is taken with a lookup by the whole primary
-- key (cluster_id, family, ordinal), in prepared statements that run generic plans. A generic
-- plan made while ip_allocations was still nearly empty could not tell the primary key from
-- the other indexes that also began with cluster_id (their costs tie there), picked one of
-- them, and then scanned a cluster's rows for every candidate for as long as the connection
-- lived. These two indexes now begin with their own column, so only the primary key can serve
-- a probe; lookups by address or owner always name the cluster as well and use them as before.

-- DropIndex
DROP INDEX "ip_allocations_cluster_id_address_key";

-- DropIndex
DROP INDEX "ip_allocations_cluster_id_owner_idx";

-- CreateIndex
CREATE UNIQUE INDEX "ip_allocations_address_cluster_id_key" ON "ip_allocations"("address", "cluster_id");

-- CreateIndex
CREATE INDEX "ip_allocations_owner_cluster_id_idx" ON "ip_allocations"("owner", "cluster_id");
