-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "token_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clusters" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kubernetes_version" TEXT NOT NULL,
    "service_cidrs" TEXT[],
    "pod_cidrs" TEXT[],
    "node_mask_ipv4" INTEGER,
    "node_mask_ipv6" INTEGER,
    "node_port_range" TEXT NOT NULL,
    "max_pods_per_node" INTEGER NOT NULL,
    "dns_service_ip" TEXT NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "services" (
    "uid" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "cluster_id" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "object" JSONB NOT NULL,
    "last_applied" JSONB,
    "resource_version" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "services_pkey" PRIMARY KEY ("uid")
);

-- CreateTable
CREATE TABLE "ip_allocations" (
    "cluster_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "family" TEXT NOT NULL,
    "ordinal" DECIMAL(39,0) NOT NULL,
    "address" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "band" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "service_uid" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ip_allocations_pkey" PRIMARY KEY ("cluster_id","family","ordinal")
);

-- CreateTable
CREATE TABLE "node_port_allocations" (
    "cluster_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "port" INTEGER NOT NULL,
    "band" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "service_uid" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "node_port_allocations_pkey" PRIMARY KEY ("cluster_id","port")
);

-- CreateTable
CREATE TABLE "nodes" (
    "cluster_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "nodes_pkey" PRIMARY KEY ("cluster_id","name")
);

-- CreateTable
CREATE TABLE "node_cidr_allocations" (
    "cluster_id" UUID NOT NULL,
    "family" TEXT NOT NULL,
    "index" DECIMAL(39,0) NOT NULL,
    "cidr" TEXT NOT NULL,
    "node_name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "node_cidr_allocations_pkey" PRIMARY KEY ("cluster_id","family","index")
);

-- CreateTable
CREATE TABLE "allocation_counters" (
    "cluster_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "count" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "allocation_counters_pkey" PRIMARY KEY ("cluster_id","kind","scope","shard")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID NOT NULL,
    "cluster_id" UUID,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_records" (
    "tenant_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("tenant_id","scope","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_name_key" ON "tenants"("name");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_token_hash_key" ON "api_keys"("token_hash");

-- CreateIndex
CREATE INDEX "api_keys_tenant_id_idx" ON "api_keys"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "clusters_tenant_id_name_key" ON "clusters"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "clusters_tenant_id_id_key" ON "clusters"("tenant_id", "id");

-- CreateIndex
CREATE INDEX "services_tenant_id_cluster_id_idx" ON "services"("tenant_id", "cluster_id");

-- CreateIndex
CREATE UNIQUE INDEX "services_cluster_id_namespace_name_key" ON "services"("cluster_id", "namespace", "name");

-- CreateIndex
CREATE INDEX "ip_allocations_cluster_id_owner_idx" ON "ip_allocations"("cluster_id", "owner");

-- CreateIndex
CREATE INDEX "ip_allocations_service_uid_idx" ON "ip_allocations"("service_uid");

-- CreateIndex
CREATE UNIQUE INDEX "ip_allocations_cluster_id_address_key" ON "ip_allocations"("cluster_id", "address");

-- CreateIndex
CREATE INDEX "node_port_allocations_service_uid_idx" ON "node_port_allocations"("service_uid");

-- CreateIndex
CREATE UNIQUE INDEX "node_cidr_allocations_cluster_id_node_name_family_key" ON "node_cidr_allocations"("cluster_id", "node_name", "family");

-- CreateIndex
CREATE INDEX "audit_events_tenant_id_cluster_id_created_at_idx" ON "audit_events"("tenant_id", "cluster_id", "created_at");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "services" ADD CONSTRAINT "services_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ip_allocations" ADD CONSTRAINT "ip_allocations_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_port_allocations" ADD CONSTRAINT "node_port_allocations_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "nodes" ADD CONSTRAINT "nodes_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "node_cidr_allocations" ADD CONSTRAINT "node_cidr_allocations_cluster_id_node_name_fkey" FOREIGN KEY ("cluster_id", "node_name") REFERENCES "nodes"("cluster_id", "name") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "allocation_counters" ADD CONSTRAINT "allocation_counters_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE CASCADE ON UPDATE CASCADE;
