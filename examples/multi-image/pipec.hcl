# Two images and two workloads promoted through three environments: dev
# deploys every push to develop, staging and production follow main. The
# production canary pauses for a person, runs a background analysis and
# judges each step with Prometheus, a web check and a Job.

pipeline "shop" {
  repository = "github.com/acme/shop"

  on {
    push         = ["main", "develop"]
    pull_request = ["main", "develop"]
    paths        = ["services/**", "deploy/**"]
  }
}

locals {
  registry = "registry.acme.example:5000/shop"
}

secret "registry" {
  github     = "REGISTRY_PASSWORD"
  kubernetes = "registry-credentials"
}

test "api" {
  image       = "python:3.12-slim"
  working_dir = "services/api"
  run         = ["pip install -r requirements.txt", "pytest -q"]
}

test "web" {
  image       = "node:20"
  working_dir = "services/web"
  run         = ["npm ci", "npm test"]
}

image "api" {
  repository = "${local.registry}/api"
  context    = "services/api"
  dockerfile = "services/api/Dockerfile"
  needs      = [test.api]
  tags       = [git.sha, "${git.branch}-${run.number}"]
  cache      = true

  login {
    username = "ci-bot"
    password = secret.registry
  }
}

image "web" {
  repository = "${local.registry}/web"
  context    = "services/web"
  dockerfile = "services/web/Dockerfile"
  needs      = [test.web]
  tags       = [git.sha]
  cache      = true

  login {
    username = "ci-bot"
    password = secret.registry
  }
}

gitops {
  repository = "https://github.com/acme/shop.git"
  path       = "deploy/shop"

  argocd {
    namespace = "argo-cd"
    project   = "shop"
  }
}

workload "api" {
  image  = image.api
  port   = 8000
  health = "/health"
  env = {
    WEB_ORIGIN = "https://${workload.web.host}"
  }
  resources {
    cpu    = "500m"
    memory = "512Mi"
  }
}

workload "web" {
  image    = image.web
  port     = 3000
  host     = "shop.acme.example"
  replicas = 2
}

analysis "latency" {
  metric "p99" {
    interval          = "2m"
    initial_delay     = "1m"
    success_condition = "result[0] < 0.5"
    prometheus {
      address = "http://prometheus.monitoring:9090"
      query   = "histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{namespace=\"{{args.namespace}}\"}[5m])) by (le))"
    }
  }
}

analysis "smoke" {
  metric "status" {
    success_condition = "result == true"
    web {
      url       = "http://{{args.workload}}.{{args.namespace}}.svc:8000/health"
      json_path = "{$.ok}"
      headers = {
        Accept = "application/json"
      }
    }
  }
  metric "checkout" {
    job {
      image = "curlimages/curl:8.10.1"
      run   = ["curl -fsS http://web.{{args.namespace}}.svc:3000/checkout/ping"]
    }
  }
}

environment "dev" {
  branches = ["develop"]
  replicas = 1
  host     = "dev.shop.acme.example"
  env = {
    LOG_LEVEL = "debug"
  }
  sync {
    prune = false
  }
}

environment "staging" {
  host = "staging.shop.acme.example"

  canary {
    step { weight = 50 }
    step { pause = "2m" }
    step { analysis = analysis.smoke }
    step { weight = 100 }
  }

  e2e "browse" {
    image = "mcr.microsoft.com/playwright:v1.48.0-jammy"
    run   = ["npx playwright test --grep @smoke"]
    env = {
      BASE_URL  = "https://staging.shop.acme.example"
      API_IMAGE = image.api.ref
    }
  }
}

environment "production" {
  after                   = environment.staging
  approval                = "manual"
  soak                    = "1h"
  cluster                 = "https://prod.k8s.acme.example:6443"
  replicas                = 4
  progress_deadline       = "15m"
  progress_deadline_abort = true
  rollback_window         = 3

  canary {
    max_surge       = "25%"
    max_unavailable = "0"
    step { weight = 10 }
    step { pause = "manual" }
    step { analysis = [analysis.smoke, analysis.latency] }
    step { weight = 50 }
    step { pause = "10m" }
    step { weight = 100 }
    analysis {
      templates  = [analysis.latency]
      start_step = 1
    }
  }
}
