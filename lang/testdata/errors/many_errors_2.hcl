pipeline "App" {
  repository = "https://github.com/org/app" # ERROR PC0009
  on {
    push = ["main"]
    tags = ["v["] # ERROR PC0036
  }
}
test "unit" {
  image = "node:20"
  run   = []  # ERROR PC0009
  env   = { "BAD-NAME" = "x" } # ERROR PC0021
  needs = [test.unit] # ERROR PC0037
}
gitops {
  repository = "github.com/org/manifests" # ERROR PC0009
  path       = "../escape" # ERROR PC0009
}
workload "api" {
  image  = image.app # ERROR PC0012
  health = "healthz" # ERROR PC0009
  port   = 8080
}
environment "prod" {
  cluster = "https://" # ERROR PC0009
  blue_green {
    pre_promotion_analysis = [analysis.smoke] # ERROR PC0012
    scale_down_delay       = "soon" # ERROR PC0019
  }
}
