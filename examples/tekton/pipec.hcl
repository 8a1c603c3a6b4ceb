# Tekton only: a Rust service built and scanned in-cluster, with staging
# deploying on every push to main and production behind a manual gate
# (a separate promotion PipelineRun a person starts).

pipeline "ledger" {
  repository = "github.com/acme/ledger"
  ci         = ["tekton"]
  timeout    = "1h"

  on {
    push         = ["main"]
    pull_request = ["main"]
  }
}

secret "registry" {
  kubernetes = "quay-push"
  key        = "password"
}

secret "gitops" {
  kubernetes = "gitops-token"
  external {
    store      = "aws-secrets"
    store_kind = "SecretStore"
    key        = "ci/gitops-token"
  }
}

test "cargo" {
  image = "rust:1.83"
  run   = ["cargo fmt --check", "cargo clippy -- -D warnings", "cargo test"]
  env = {
    CARGO_TERM_COLOR = "always"
  }
}

image "ledger" {
  repository = "quay.io/acme/ledger"
  tags       = [git.sha, "latest"]

  login {
    username = "acme+ci"
    password = secret.registry
  }

  scan {
    severity = ["CRITICAL", "HIGH", "MEDIUM"]
  }
}

gitops {
  repository = "https://github.com/acme/gitops.git"
  revision   = "main"
  path       = "apps/ledger"
  token      = secret.gitops
}

workload "ledger" {
  image  = image.ledger
  port   = 9000
  health = "/ready"
}

environment "staging" {
  namespace = "ledger-staging"
}

environment "production" {
  namespace = "ledger"
  after     = environment.staging
  approval  = "manual"
  replicas  = 3

  canary {
    step { weight = 20 }
    step { pause = "10m" }
    step { weight = 100 }
  }
}
