# A Go service: matrix tests with a Postgres sidecar, one image, CI on both
# GitHub Actions and Tekton, staging then production with a blue-green
# rollout gated by analysis, and a secret filled from Vault.

pipeline "orders" {
  repository = "github.com/acme/orders"
  ci         = ["github", "tekton"]
  timeout    = "45m"

  on {
    push         = ["main", "release/*"]
    pull_request = ["main"]
    manual       = true
  }
}

variable "go_versions" {
  type        = list(string)
  default     = ["1.25", "1.26"]
  description = "Go versions the tests run on."
}

variable "prod_replicas" {
  type    = number
  default = 6
  validation {
    condition     = var.prod_replicas >= 2
    error_message = "Production needs at least two replicas."
  }
}

locals {
  registry = "ghcr.io/acme"
  domain   = "orders.acme.example"
}

secret "registry" {
  github     = "GITHUB_TOKEN"
  kubernetes = "ghcr-push"
}

secret "manifests" {
  github     = "MANIFESTS_TOKEN"
  kubernetes = "manifests-token"
}

secret "db-password" {
  github     = "ORDERS_DB_PASSWORD"
  kubernetes = "orders-db"
  key        = "password"
  external {
    store    = "vault"
    key      = "secret/data/orders/db"
    property = "password"
  }
}

test "unit" {
  matrix = {
    go = var.go_versions
  }
  image   = "golang:${matrix.go}"
  run     = ["go vet ./...", "go test -race ./..."]
  timeout = "15m"
}

test "integration" {
  image = "golang:1.26"
  needs = [test.unit]
  run   = <<-EOT
    go test -tags integration ./internal/store/...
  EOT
  env = {
    DATABASE_URL = "postgres://orders@localhost:5432/orders?sslmode=disable"
    DB_PASSWORD  = secret.db-password
    COMMIT       = git.sha
  }

  service "postgres" {
    image = "postgres:16"
    env = {
      POSTGRES_USER = "orders"
      POSTGRES_DB   = "orders"
      POSTGRES_PASSWORD = secret.db-password
    }
    ports = [5432]
  }
}

image "orders" {
  repository = "${local.registry}/orders"
  platforms  = ["linux/amd64", "linux/arm64"]
  build_args = {
    VERSION = "${git.short_sha}"
  }
  tags       = [git.sha, "run-${run.id}", git.tag]
  sbom       = true
  provenance = true

  login {
    username = git.actor
    password = secret.registry
  }

  scan {
    severity       = ["CRITICAL"]
    ignore_unfixed = true
  }
}

gitops {
  repository = "https://github.com/acme/deployments.git"
  path       = "services/orders"
  token      = secret.manifests
}

workload "orders" {
  image    = image.orders
  port     = 8080
  replicas = 2
  health   = "/healthz"
  host     = "dev.${local.domain}"
  env = {
    LOG_LEVEL   = "info"
    DB_PASSWORD = secret.db-password
  }
  resources {
    cpu    = "250m"
    memory = "256Mi"
  }
}

analysis "error-rate" {
  args = {
    threshold = "0.01"
  }
  metric "errors" {
    interval          = "1m"
    count             = 5
    failure_limit     = 1
    success_condition = "result[0] < 0.01"
    prometheus {
      address = "http://prometheus.monitoring:9090"
      query   = "sum(rate(http_requests_total{namespace=\"{{args.namespace}}\",code=~\"5..\"}[2m])) / sum(rate(http_requests_total{namespace=\"{{args.namespace}}\"}[2m]))"
    }
  }
}

environment "staging" {
  namespace = "orders-staging"
  host      = "staging.${local.domain}"

  e2e "api" {
    image = "curlimages/curl:8.10.1"
    run   = ["curl -fsS \"https://$HOST/healthz\""]
    env = {
      HOST = "staging.${local.domain}"
    }
    timeout = "5m"
  }
}

environment "production" {
  namespace = "orders"
  cluster   = "prod-eu"
  after     = environment.staging
  approval  = "manual"
  soak      = "30m"
  replicas  = var.prod_replicas
  host      = local.domain

  blue_green {
    auto_promote            = false
    pre_promotion_analysis  = [analysis.error-rate]
    post_promotion_analysis = [analysis.error-rate]
    scale_down_delay        = "10m"
  }

  sync {
    self_heal = false
  }
}
