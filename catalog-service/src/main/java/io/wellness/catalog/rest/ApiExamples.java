package io.wellness.catalog.rest;

/** Example bodies for the OpenAPI document (kept in one place so the resources stay readable). */
final class ApiExamples {
    static final String EXERCISE = """
            {"id":"standing-wall-twist","language":"en","name":"Standing wall twist",
             "summary":"With one foot up on a chair, turn toward a wall and press your hands against it to stretch the mid and upper back.",
             "steps":["Stand facing a chair that is close to a wall.","Place your left foot on the seat of the chair.",
                      "Turn your upper body toward the wall and put both hands flat on it.","Hold for 10 seconds ..."],
             "regions":["mid-back","upper-back"],"position":"standing","equipment":["chair","wall"],"setting":"at-desk",
             "kind":"stretch","intensity":"light","durationSeconds":45,
             "dose":{"holdSeconds":{"min":10,"max":10},"reps":null,"sets":null,"perSide":false,"rounds":{"min":2,"max":3},
                     "timesPerDay":null,"timesPerWeek":null},
             "doseText":"Hold 10 s · 2–3 rounds",
             "progression":{"firstTimeHoldSeconds":5,"text":"For your first sessions, hold each position for only about 5 seconds ..."},
             "cautions":["Aim for a gentle stretch only; do not force the twist."],
             "source":{"id":"mid-back-at-work","title":"3 Great Exercises to Loosen Up Your Mid-Back at Work","publisher":"Rick Kaselj",
                       "seedFile":"000_f1709b983008a822.txt"},
             "retired":false,"version":0}
            """;
    static final String PAGE = """
            {"page":0,"size":2,"total":14,"totalPages":7,"language":"en","catalogVersion":"1-3f2a9c0d41b7",
             "items":[{"id":"chair-shoulder-drop","name":"Chair shoulder drop","durationSeconds":42,"doseText":"Hold 10 s · 2–3 rounds"},
                      {"id":"high-reach-stretch","name":"High reach stretch","durationSeconds":43,"doseText":"5 reps, hold 5 s each"}]}
            """;
    static final String NOT_FOUND = """
            {"type":"about:blank","title":"Not Found","status":404,"detail":"exercise 'no-such-exercise' does not exist",
             "instance":"/api/catalog/exercises/no-such-exercise"}
            """;
    static final String LIST_BAD_REQUEST = """
            {"type":"about:blank","title":"Bad Request","status":400,"detail":"2 invalid field(s): region, size",
             "instance":"/api/catalog/exercises",
             "errors":[{"field":"region","message":"unknown value(s) [knees]; must be one of neck, shoulders, upper-back, mid-back, lower-back, hips"},
                       {"field":"size","message":"must be between 1 and 100"}]}
            """;
    static final String INPUT = """
            {"id":"neck-side-stretch","source":"desk-stretches-back-pain","regions":["neck"],"position":"seated",
             "equipment":["chair"],"setting":"at-desk","kind":"stretch","intensity":"light","durationSeconds":40,
             "dose":{"holdSeconds":{"min":10,"max":10},"perSide":true,"rounds":{"min":2,"max":2}},
             "progression":{"firstTimeHoldSeconds":5},
             "text":{"en":{"name":"Neck side stretch","summary":"Tilt your ear toward your shoulder.",
                           "steps":["Sit tall.","Tilt your right ear toward your right shoulder and hold.","Change sides."],
                           "progression":"Start with 5 seconds.","cautions":["Stop if it hurts."]},
                     "de":{"name":"Seitliche Nackendehnung","summary":"Neigen Sie das Ohr zur Schulter.",
                           "steps":["Setzen Sie sich aufrecht hin.","Neigen Sie das rechte Ohr zur rechten Schulter und halten Sie.","Wechseln Sie die Seite."],
                           "progression":"Beginnen Sie mit 5 Sekunden.","cautions":["Brechen Sie bei Schmerzen ab."]}}}
            """;
    static final String INPUT_BAD_REQUEST = """
            {"type":"about:blank","title":"Bad Request","status":400,"detail":"4 invalid field(s): durationSeconds, position, text.de, text.en.steps",
             "instance":"/api/catalog/exercises",
             "errors":[{"field":"durationSeconds","message":"must be greater than or equal to 5"},
                       {"field":"position","message":"must be one of standing|seated|lying|all-fours"},
                       {"field":"text.de","message":"must not be null"},
                       {"field":"text.en.steps","message":"must not be empty"}]}
            """;
    static final String CONFLICT = """
            {"type":"about:blank","title":"Conflict","status":409,"detail":"exercise 'shoulder-rolls' already exists",
             "instance":"/api/catalog/exercises"}
            """;
    static final String FORBIDDEN = """
            {"type":"about:blank","title":"Forbidden","status":403,"detail":"your roles do not allow this",
             "instance":"/api/catalog/exercises"}
            """;
    static final String SAFETY = """
            {"language":"en","catalogVersion":"1-3f2a9c0d41b7",
             "guidance":[{"id":"consult-physician","text":"If a doctor has diagnosed you with a spine condition ..."},
                         {"id":"stop-on-pain","text":"Work only within a comfortable range and keep the effort light. If a movement causes pain, stop it."}],
             "sources":[{"id":"mid-back-at-work","title":"3 Great Exercises to Loosen Up Your Mid-Back at Work","publisher":"Rick Kaselj",
                         "seedFile":"000_f1709b983008a822.txt"}]}
            """;
    static final String VERSION = """
            {"version":"1-3f2a9c0d41b7","revision":1,"sha256":"3f2a9c0d41b7...","exercises":21,"active":21}
            """;
    static final String PLAN_REQUEST = """
            {"position":"seated","equipment":["chair"],"minSeconds":60,"maxSeconds":120,"focusRegions":["neck","shoulders"],
             "avoid":["knee-to-chest"],"recent":["shoulder-rolls"],"seed":42}
            """;
    static final String PLAN = """
            {"seed":42,"catalogVersion":"1-3f2a9c0d41b7","totalDurationSeconds":76,
             "exercises":[{"id":"shoulder-shrug","name":"Shoulder shrug","summary":"Lift both shoulders toward your ears and let them drop.",
                           "durationSeconds":23,"regions":["shoulders","neck"],"steps":["Sit upright ...","..."],
                           "dose":"5 reps","cautions":["Move slowly; stop if it hurts."]},
                          {"id":"sit-and-rotate-with-side-bend","name":"Sit and rotate with side bend","summary":"...",
                           "durationSeconds":43,"regions":["mid-back"],"steps":["..."],"dose":"5 reps per side · 1 set","cautions":["..."]},
                          {"id":"shoulder-squeeze","name":"Shoulder squeeze","summary":"...","durationSeconds":10,
                           "regions":["upper-back","shoulders","neck"],"steps":["..."],"dose":"Once, about 10 s","cautions":["..."]}]}
            """;
    static final String NO_PLAN = """
            {"type":"/problems/no-fitting-plan","title":"No plan fits","status":422,
             "detail":"no exercise for position lying with equipment []","instance":"/api/catalog/plans",
             "reasons":["no exercise for position lying with equipment []"]}
            """;
    static final String PLAN_BAD_REQUEST = """
            {"type":"about:blank","title":"Bad Request","status":400,"detail":"3 invalid field(s): equipment[0], maxSeconds, position",
             "instance":"/api/catalog/plans",
             "errors":[{"field":"equipment[0]","message":"must be one of none|chair|wall|desk|foam-roller|resistance-band"},
                       {"field":"maxSeconds","message":"maxSeconds must not be below minSeconds"},
                       {"field":"position","message":"must be one of standing|seated|lying|all-fours"}]}
            """;

    private ApiExamples() {
    }
}
