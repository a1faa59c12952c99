"""The words the large organisation ("Globex") is made of: people's names, teams and their
services, incident symptoms, and the texts of actions, follow-ups and updates."""

from __future__ import annotations

EMAIL_DOMAIN = "globex.example"

FIRST_NAMES = (
    "Aaliyah", "Adrián", "Aiko", "Aleksander", "Amara", "Ananya", "Andrés", "Anika", "Aoife",
    "Arjun", "Astrid", "Ayodele", "Beatriz", "Bilal", "Bjørn", "Camille", "Carlos", "Chen",
    "Chiara", "Chloé", "Dario", "Deepa", "Diego", "Dmitri", "Efua", "Elif", "Emeka", "Emma",
    "Erik", "Fatima", "Felix", "Freya", "Gabriel", "Grace", "Hannah", "Haruto", "Hugo", "Ibrahim",
    "Ines", "Isabella", "Ivan", "Jakub", "Jamal", "Jana", "Javier", "Jin", "Joaquín", "Julia",
    "Kai", "Kalani", "Kenji", "Kofi", "Lars", "Layla", "Leon", "Liam", "Lucía", "Maja", "Malik",
    "Marcus", "Mariam", "Mateo", "Mei", "Mia", "Nadia", "Naveen", "Nia", "Noah", "Olga", "Omar",
    "Oskar", "Priya", "Rafael", "Ravi", "Rosa", "Saanvi", "Sakura", "Samuel", "Santiago", "Sara",
    "Sebastián", "Siobhán", "Sofia", "Tariq", "Thandiwe", "Tomás", "Uma", "Valentina", "Wei",
    "Yara", "Yusuf", "Zainab", "Zoë",
)  # fmt: skip
LAST_NAMES = (
    "Abe", "Adeyemi", "Alvarez", "Andersen", "Bakker", "Banerjee", "Becker", "Bianchi", "Brennan",
    "Castillo", "Chowdhury", "Costa", "Dahl", "Dubois", "Eze", "Fernández", "Fischer", "Fontaine",
    "García", "Gupta", "Haddad", "Hansen", "Hoffmann", "Horvath", "Ibrahim", "Ivanova", "Jensen",
    "Kaur", "Kim", "Kowalski", "Kumar", "Larsen", "Lefebvre", "Lindqvist", "López", "Martin",
    "Mensah", "Moreau", "Müller", "Murphy", "Nakamura", "Nguyen", "Novak", "Nowak", "O'Brien",
    "Okafor", "Olsen", "Owusu", "Park", "Patel", "Pereira", "Petrov", "Quinn", "Rahman", "Reyes",
    "Rossi", "Santos", "Sato", "Schmidt", "Silva", "Singh", "Sokolov", "Suzuki", "Tanaka",
    "Torres", "Van Dijk", "Wagner", "Walsh", "Wang", "Williams", "Yamamoto", "Yilmaz", "Zhang",
)  # fmt: skip

TEAMS: tuple[tuple[str, tuple[str, str]], ...] = (
    ("Payments", ("checkout-api", "billing-worker")),
    ("Platform", ("kubernetes", "edge-proxy")),
    ("Identity", ("auth", "sso-gateway")),
    ("Search", ("search", "indexer")),
    ("Data", ("warehouse", "event-pipeline")),
    ("Mobile", ("ios-app", "android-app")),
    ("Web", ("storefront", "cdn")),
    ("Notifications", ("notifications", "email-sender")),
    ("Orders", ("orders-api", "fulfilment")),
    ("Security", ("vault", "waf")),
    ("Database", ("postgres", "redis")),
    ("Growth", ("recommendations", "experiments")),
    ("Support Tools", ("helpdesk", "admin-console")),
    ("Observability", ("metrics", "logging")),
)
"""Each team with the two services it owns."""

PRODUCT_AREAS = (
    "Checkout", "Accounts", "Catalogue", "Search", "Mobile apps", "Partner API", "Reporting",
    "Internal tools",
)  # fmt: skip
REGIONS = ("eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-1", "sa-east-1")
ROOT_CAUSES = (
    "Bad deploy", "Configuration change", "Capacity", "Dependency failure", "Third-party outage",
    "Expired certificate", "Database migration", "Network", "Hardware failure", "Unknown",
)  # fmt: skip
DETECTION_METHODS = (
    "Automated alert", "Customer report", "Internal report", "Synthetic check", "Vendor notice",
    "Security scanner",
)  # fmt: skip
CONTRIBUTING_FACTORS = (
    "Missing alert", "Runbook out of date", "Insufficient testing", "Manual step", "Slow rollback",
    "Unclear ownership", "Noisy alerts", "Single point of failure",
)  # fmt: skip
ENVIRONMENTS = ("production", "staging", "development")
DATA_LOSS = ("No", "Yes", "Unknown")
VENDORS = ("AWS", "Cloudflare", "Stripe", "Twilio", "SendGrid", "Okta", "GitHub", "Fastly")

SYMPTOMS = (
    "returning 5xx errors", "elevated latency", "timing out", "failing health checks",
    "queue backlog growing", "memory leak after deploy", "crash looping", "error rate above SLO",
    "degraded throughput", "serving stale data", "connection pool exhausted",
    "certificate about to expire", "disk almost full", "partial outage", "dropping events",
    "high CPU on every node", "slow queries", "intermittent 502s",
)  # fmt: skip
SECURITY_SYMPTOMS = (
    "suspicious login attempts", "leaked credential reported", "unexpected admin API calls",
    "vulnerable dependency in production", "phishing campaign targeting staff",
    "WAF rule blocking legitimate traffic",
)  # fmt: skip
DRILL_NAMES = (
    "Game day: {service} failover", "Tutorial: your first incident", "Drill: restore {service} from backup",
    "Chaos test: kill {service} pods", "Test incident for the new workflow",
)  # fmt: skip

ACTION_TEXTS = (
    "Roll back {service} to the previous release", "Scale {service} workers up", "Post a status page update",
    "Page the {team} on-call", "Open a ticket with {vendor}", "Increase the {service} connection pool",
    "Block the offending IP ranges at the WAF", "Fail over {service} to the standby region",
    "Purge the {service} cache", "Pause the deploy pipeline for {service}", "Rotate the {service} credentials",
    "Add more disk to the {service} hosts", "Tell customer support what to say",
)  # fmt: skip
FOLLOW_UP_TEXTS = (
    "Alert on the {service} error rate", "Add a canary stage to {service} deploys",
    "Write a runbook for {service} failover", "Right-size the {service} cluster",
    "Load test {service} before the next peak", "Remove the single point of failure in {service}",
    "Automate the {service} rollback", "Add a dashboard for {service} saturation",
    "Review {vendor} support contract", "Reduce noisy alerts from {service}",
    "Add a timeout to calls from {service}", "Backfill the data lost by {service}",
)  # fmt: skip
UPDATE_TEXTS = (
    "We're looking into reports of {symptom} on {service}.",
    "Impact confirmed: roughly {percent}% of requests to {service} are affected.",
    "The {team} team is engaged and investigating.",
    "We've identified a likely cause and are preparing a fix.",
    "A fix has been deployed; we're watching the error rate.",
    "Error rates are back to normal. Monitoring for another hour.",
    "Customer support has the latest wording for affected customers.",
    "{vendor} has acknowledged the issue on their side.",
)  # fmt: skip
