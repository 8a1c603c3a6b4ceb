ignored = true
