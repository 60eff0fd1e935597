/**
 * Clause templates per operation, written to cover how people phrase requests: imperatives, verbless fragments,
 * wishes, complaints naming the current state, polite and formal frames, non-native word orders, corrections.
 * Slots: {T} target, {T2} second target (swap) or excluded object (fix), {V} value or new object, {C} current
 * state, {D} destination, {S} source, {A} attribute noun, {X} an untagged reference, {P} a place, {N} a count,
 * {OLD} a texture being replaced (tagged CUR). WordNet verbs enter through {VERB:op}.
 */
import { FRAMES } from '../../../src/domains/shapes-v1/templates.ts';
import type { Op } from '../../../src/understanding/tags.ts';

const POLITE = '[can you|could you|could you please|would you|please|pls|can u|i want you to|i need you to|i would like you to|go ahead and|lets|let us|would you kindly|kindly|would you be so kind as to|might you|i wonder if you could|could i ask you to|would you mind|]';
const EVAL = '[looks|is|seems|feels] [off|wrong|weird|bad|ugly|boring|dull|meh|odd|out of place|lost|lonely|too busy|too loud|not right|a bit much]';

/** Templates of one operation. */
export interface TemplateSet {
  op: Op;
  templates: readonly string[];
}

export const TEMPLATES: readonly TemplateSet[] = [
  {
    op: 'set',
    templates: [
      `${POLITE} make {T} {V}`, `${POLITE} turn {T} {V}`, `${POLITE} turn {T} into {V}`, `${POLITE} change {T} to {V}`,
      `${POLITE} change {T} into {V}`, '{T} [should be|needs to be|must be|has to be|could be|can be|ought to be|will be|is gonna be|to be|wants to be] {V}',
      'i [want|would like|d like|need|wanna have|would love] {T} [to be|] {V}', '{T} {V}', '{T} {V}', '{T} to {V}', '{T} in {V}', '{T} -> {V}', '{T}, {V}',
      `${POLITE} [paint|color|colour|recolor|recolour|dye|shade|tint|fill] {T} [in|with|] {V}`, `${POLITE} {VERB:change} {T} to {V}`,
      `${POLITE} {VERB:color} {T} {V}`, `${POLITE} give {T} {V}`, `${POLITE} put {V} on {T}`, `${POLITE} set {T} to {V}`,
      `${POLITE} switch {T} to {V}`, `${POLITE} replace {T} with {V}`, `${POLITE} swap {T} for {V}`, `${POLITE} make {V} {T}`,
      `${POLITE} make {T} be {V}`, `${POLITE} make {T} to be {V}`, `${POLITE} change the [color|colour|shape|size|pattern|texture] of {T} to {V}`,
      `${POLITE} change {T} [color|colour|shape|size|pattern] to {V}`, '[how about|what about] {V} for {T}', 'try {V} for {T}',
      '{T} would look [better|nicer|good] [in|as|] {V}', 'i think {T} [should|would] be [better|nicer|] {V}', '{V} for {T} [please|]',
      '{T}, [make|turn|change|colour|paint] [it|him|her|them] {V}', '{T} change [it|him|her] [to|] {V}', 'for {T}, [use|go with|pick|choose] {V}',
      'can {T} be {V}', '{T} [would be|looks] better {V}', 'i [d|would] [prefer|rather have] {T} [in|as|] {V}', 'go with {V} for {T}',
      'let us [go|try] {V} [for|on] {T}', '{T} ' + EVAL + ', [make|turn|paint|colour] [it|them] {V}', '{T} ' + EVAL + '. [make|turn] [it|them] {V}',
      `${POLITE} [do|make] {T} {V} [instead|now|]`, '{V} [please|pls|] [on|for] {T}', 'i [want|need] {V} [on|for] {T}',
      `${POLITE} [redo|repaint|recolor] {T} [in|as|] {V}`, '{T} [needs|wants|could use|should have|deserves] {V}', `${POLITE} convert {T} [into|to] {V}`,
      `${POLITE} transform {T} into {V}`, `${POLITE} alter {T} to {V}`, '{T} [is|looks] [too|way too|so|a bit] {C}, [make|turn] it {V}',
      `${POLITE} make {T} {V} like {S}`, '{T} {V} like {S}', `${POLITE} [give|put] {V} on {T} instead of {OLD}`,
      `${POLITE} swap the {OLD} [on|of] {T} for {V}`, `${POLITE} give {T} {V} [instead of|in place of|rather than] {OLD}`,
      `${POLITE} [lose|drop|remove|get rid of] the {OLD} on {T}, [make it|go] {V}`, `${POLITE} fill {T} in [with|] {V}`,
      `${POLITE} colour {T} a [nice|pleasant|lovely|] shade of {V}`, '{T} [looks|is] {C}. [go|make it] {V}', '{T} {V} [please|pls|thx|thanks]',
      'all {T} {V}', '{T} all {V}', `${POLITE} make every {T} {V}`, 'i [should|would] rather [it|they] [were|was] {V}', '{V} [would be|is] better for {T}',
      'and {T} {V}', 'now {T} {V}', 'then {T} {V}', `${POLITE} make {T} {V} [too|as well|also]`,
      `${POLITE} [recolour|recolor|paint|do|redo|colour|color] {T} in {V}`, '{T} and {T} [-|,|:] [both|all] in {V} [please|]', `${POLITE} make {T} {V} in {V}`,
      '{T} [clash|clashes|look odd|looks odd], make [them|it] [both|all|] {V}', `${POLITE} make [them|em|those] [both|all|two] {V}`, 'lemme see {T} [with|in] {V}',
      `${POLITE} give {T} and {T} {V}`, `${POLITE} turn {T} into {V} but keep the {A}`, '[go with|use] {V}', '[hmm|ok|so] {V} [it is|then|please]',
      '{T}, if you please, [in|] {V}', `${POLITE} make {T} {V}, if you [please|would|would be so kind|would be so good]`,
      'i should like {T} [changed to|made|turned] {V}', '{T} [ought to|might] be {V}, i think', '{T} would [look|be] [better|nicer] {V}, i think',
    ],
  },
  {
    op: 'set', // the value is missing: Parley asks which (partly understood)
    templates: [
      'i [dont|do not|really dont] like {T}', '{T} ' + EVAL, '{T} is [ugly|the wrong {A}|boring|off]', `${POLITE} change {T}`,
      `${POLITE} change the {A} of {T}`, '{T} [needs|could use] a [different|new|better] {A}', `${POLITE} [recolor|recolour|repaint] {T}`,
      'i [dont|do not] like the {A} of {T}', '{T} [should|could] be a different {A}', 'change {T} {A}', 'there is too much {T}',
      '[too much|lots of|so much] {T} [in this|here|on here|]', '{T} [clash|clashes|look wrong together]', 'do something [with|about] {T}',
    ],
  },
  {
    op: 'more',
    templates: [
      `${POLITE} make {T} {V}`, '{T} {V}', '{T} {V}', '{T} [should be|needs to be|must be|could be|can be] {V}', `${POLITE} {VERB:grow} {T}`,
      `${POLITE} [grow|expand|enlarge|scale up|size up|bump up|beef up|pump up|supersize|upsize|blow up|inflate|magnify] {T}`,
      `${POLITE} increase the size of {T}`, '{T} is {C}', '{T} [looks|seems|is looking|feels] {C}', '{T} is {C}, [enlarge|grow|fix] it',
      '{T} is {C}, make it {V}', 'i can [barely|hardly] see {T}', '{T} [up|up a size|one size up]', `${POLITE} make {T} grow`,
      `${POLITE} make {V} {T}`, 'put {V} {T}', '{T} could be a [bit|little|lot|] {V}', '{V} {T} [please|]',
      'i [want|would like] {T} [to be|] {V}', `${POLITE} go {V} [with|on] {T}`, `${POLITE} make {T} [a size|one size] {V}`,
      '{T} is [not big enough|too small to see|hard to see]', '{T} [is|looks] {C}, [can you|could you|] make it {V}',
      '{T} {C}', 'can {T} be {V}', `${POLITE} increase {T}`, `${POLITE} scale {T} up`, '{T} [is|looks] {C}, bump it up [a size|a notch|]',
      '{T} is {C}, give it [a bit|a little|] more presence', `${POLITE} bump {T} up [a size|a notch|one size|]`, '{T} is lost [up there|down there|there], make it {V}',
      `${POLITE} make {T} [a good deal|a lot|much|way] {V}`, '{V} [again|still|even more]', 'even {V}', 'make it even {V}', 'all {T} {V}',
    ],
  },
  {
    op: 'less',
    templates: [
      `${POLITE} make {T} {V}`, '{T} {V}', '{T} {V}', '{T} [should be|needs to be|must be|could be|can be] {V}', `${POLITE} {VERB:shrink} {T}`,
      `${POLITE} [shrink|reduce|scale down|size down|downsize|contract|compress|minimize|tone down] {T}`,
      `${POLITE} decrease the size of {T}`, '{T} is {C}', '{T} [looks|seems|is looking|feels] {C}', '{T} is {C}, [shrink|reduce|fix] it',
      '{T} is {C}, make it {V}', '{T} [is hogging|takes up|is taking up|eats] [all the|too much] [space|room]', '{T} [down|down a size|one size down]',
      `${POLITE} make {V} {T}`, 'put {V} {T}', '{T} could be a [bit|little|lot|] {V}', '{V} {T} [please|]',
      'i [want|would like] {T} [to be|] {V}', `${POLITE} make {T} [a size|one size] {V}`, '{T} [is|looks] {C}, make it {V}',
      '{T} {C}', 'can {T} be {V}', `${POLITE} scale {T} down`, '{T} is [too much|overwhelming|in your face|a bit much|overpowering]',
      '{T} [is|are] [a bit much|overpowering|crowding everything], bring [it|them] down [a size|a notch|]', `${POLITE} bring {T} down [a size|a notch|one size|]`,
      '{T} [is|are] {C}, [it is|its|theyre|they are] [crowded|cramped|overpowering]', `${POLITE} make {T} [a good deal|a lot|much|way] {V}`,
      '{V} [again|still|even more]', 'even {V}', 'make it even {V}', 'all {T} {V}', '{T} {C} for my liking',
    ],
  },
  {
    op: 'remove',
    templates: [
      `${POLITE} {VERB:remove} {T}`, `${POLITE} [remove|delete|erase|get rid of|take away|take out|lose|ditch|drop|kill|clear|wipe out|rub out|eliminate|scrap|bin|toss|throw out|throw away|zap|nuke|cut|axe|dump|do away with] {T}`,
      `${POLITE} take {T} [out|away|off]`, 'i [dont|do not] want {T} [anymore|any more|there|]', '{T} [has to|can|should|must|needs to] go',
      'no more {T}', '{T} [gone|out|away|begone]', '{T} [should|must] [go|be removed|be deleted|disappear]', `${POLITE} make {T} [disappear|vanish|go away]`,
      'can we [lose|ditch|drop] {T}', 'without {T} [please|]', `${POLITE} remove {T} from the [picture|grid|image]`, 'get {T} out of [here|there|the picture]',
      '{T} ' + EVAL + ', [remove|delete|get rid of] [it|them]', 'i [dont|do not] need {T}', 'bye bye {T}', '{T}, [remove|delete|erase] [it|them]',
      `${POLITE} clear out {T}`, 'i [dont|do not] like {T}, [can you|please|] [get rid of|remove|delete] [it|them]', 'remove {T} [please|pls|]',
      '{T} [remove|delete|gone]', 'delete {T} [please|]', 'lose {T}',
    ],
  },
  {
    op: 'add',
    templates: [
      `${POLITE} [add|put|place|draw|insert|stick|pop|make|create|paint|drop|throw in|add in|throw|plonk|slap] {V} {D}`, `${POLITE} {VERB:put} {V} {D}`,
      '{D} [add|put|place|draw] {V}', '{D}, [add|put|draw] {V}', 'i [want|would like|need] {V} {D}', '{V} {D} [please|]', 'there should be {V} {D}',
      `${POLITE} [add|put|draw|insert] {V}`, '{D} i want {V}', `${POLITE} [add|give me|gimme] {V} {D}`, 'and {V} {D}', 'can i have {V} {D}',
      `${POLITE} fill {D} with {V}`, '{D} [needs|could use] {V}', 'how about {V} {D}', '{V} [goes|should go] {D}', `${POLITE} add {V} [too|as well|]`,
      `${POLITE} put something {D}[,|.|..|] {V}`, 'add {V} {D}', 'put {V} {D}', '{V} {D}', `${POLITE} [add|put] {V} {D} and {V} {D}`,
      `${POLITE} put {V} {D}, {V} like {S}`, '{D} [looks|is] [kinda|a bit|so|] empty, [add|put|throw] {V} [there|in there|]', 'and {V} {D} too', '{V} {D} [too|as well]',
      'i notice {D} is [entirely|completely|quite] empty[.|,] [would you|could you|please] put {V} [up there|there|in there], {D}', `${POLITE} fill the empty [spot|cell|space] {D} with {V}`,
    ],
  },
  {
    op: 'move',
    templates: [
      `${POLITE} [move|shift|put|place|slide|drag|take|send|relocate|push|nudge|bump|bring|carry|throw|stick|pop] {T} {D}`, `${POLITE} {VERB:move} {T} {D}`,
      '{T} {D}', '{T} {D}', '{T} [goes|should go|belongs|needs to go|has to go|must go|can go|will go] {D}', `${POLITE} move {T} over {D}`, 'can {T} go {D}',
      '{D} with {T}', `${POLITE} [move|shift|put] {T}`, 'i want {T} {D}', 'i [want|would like] {T} to be {D}', '{T} to {D}', 'put {T} [over|back|] {D}',
      `${POLITE} move {T} [so it is|so its|so that it is|so it sits] {D}`, 'let {T} [go|sit|be] {D}', '{T} would look better {D}', `${POLITE} [move|bring] {T} [back|over|down|up] {D}`,
      '{T} {D} [please|pls|]', `${POLITE} make {T} go {D}`, `${POLITE} reposition {T} {D}`, '{T}, move [it|him|her] {D}', `${POLITE} move {T} [away|somewhere else]`,
      'move {T} {D}', '{T} ' + EVAL + ' [there|where it is], move it {D}', '{T} should sit {D}', `${POLITE} [shove|scoot|slide] {T} [over|up|down|] {D}`,
      `${POLITE} put [it|them] back where [it|they] [was|were|used to be]`, `${POLITE} [move|put] {T} back where it was`, `${POLITE} [slide|move|shift] {T} one over to the [left|right]`,
    ],
  },
  {
    op: 'swap',
    templates: [
      `${POLITE} [swap|switch|exchange|trade|flip|interchange] {T} [and|with|for|n|&] {T2}`, `${POLITE} {VERB:swap} {T} [and|with] {T2}`,
      '{T} and {T2} [swap|switch|trade|exchange] [places|spots|positions|]', `${POLITE} [let|have|make] {T} and {T2} [swap|switch|trade] [places|spots|]`,
      `${POLITE} swap [places|positions|the positions|the places|spots] [between|of] {T} and {T2}`, `${POLITE} put {T} where {T2} is and vice versa`,
      `${POLITE} [swap|switch|exchange] {T} [round|around|]`, `${POLITE} swap {T} around`, '{T} [swap|switch] with {T2}', `${POLITE} switch around {T} and {T2}`,
      `${POLITE} [swap|switch] {T} and {T2} [round|around]`, `${POLITE} [swap|switch|exchange] [em|them|those two]`, 'swap {T} {T2}', '{T} {T2} swap',
      `${POLITE} swap {T} with {T2}`,
    ],
  },
  {
    op: 'copy',
    templates: [
      `${POLITE} make {T} the same {A} as {S}`, `${POLITE} give {T} the same {A} as {S}`, '{T} [should|needs to] [be|have] the same {A} as {S}',
      `${POLITE} [match|copy] the {A} of {S} [to|onto|for] {T}`, `${POLITE} make {T} match {S} [in|] {A}`, '{T} same {A} as {S}',
      `${POLITE} make {T} the {A} of {S}`, 'i want {T} the same {A} as {S}', 'same {A} as {S}', '{T} [in|with] the same {A} as {S}',
      `${POLITE} [use|take] the {A} of {S} for {T}`, `${POLITE} make it the same {A} as {S}`, 'same {A} as {S} [please|instead|]',
    ],
  },
  {
    op: 'repeat',
    templates: [
      '[do|] the same [for|to|with] {T}', 'same [for|with] {T}', '[and|] {T} too', '{T} as well', 'also {T}', '[now|and now|next|then] {T}',
      'do that [to|for|with] {T} [too|as well|]', 'the same thing [for|to] {T}', '[again|do it again|once more|one more time|same again|again please|and again]',
      'again [with|for] {T}', '[do|now do] {T} [as well|too|]', 'likewise [for|with] {T}', 'ditto [for|with] {T}', 'repeat [that|it|] [for|with|on] {T}',
      '[and|] the other one [too|as well|]', '[now|and] the other one', 'same [for|with] the other one', '{T} [please|] too', 'what about {T}',
      'and {T} [please|]', 'same [again|for that one]', 'do the same thing', 'repeat that', 'also do {T}', '[and|] {T} the same', 'same for the other [one|two]',
      '[and|] {T}, [the same|same thing|likewise]', 'and the other [one|ones] too',
    ],
  },
  {
    op: 'fix',
    templates: [
      '[no|nope|no no|nah|oops|oh no|wait|no wait|sorry|whoops|hmm|umm|lol no] [i meant|i mean|i wanted|i said|not that one|wrong one|][,|] {T}',
      '[i meant|i mean|i wanted|i was talking about|i was referring to] {T} [not that one|instead|]', 'not that one, {T}', 'wrong one[,|] {T}',
      '[actually|hmm actually|sorry|hmm] [just|only] {T} [actually|then|please|]', '[no|nope|actually|sorry|oops] [make it|i meant|i said|i wanted|] {V} [instead|not that|]',
      '[actually|hmm] {V} [would be better|instead|is better]', 'make it {V} instead', '{V} instead [please|]', 'i said {V}', 'not {X}, {T}',
      '[no|wait|oops] [that is|thats|that was] the wrong one[,|] i [meant|wanted] {T}', 'no i meant the other one', '[no|nope|oops|no sorry] the other one',
      '[no|actually|sorry|wait] [put|move] it {D} [instead|]', 'actually {D} [instead|please|]', '[no|sorry] i meant {D}', '[only|just] {T} [please|then|]',
      '[actually|hmm|wait] [keep|leave] {T2} {V}', '[actually|hmm] {T2} can stay {V}', '[actually|no|hmm] not {T2}[,|] [keep|leave] [that one|it] {V}',
      '[actually|hmm|no] [not|leave out|except] {T2}', 'no wait[,|] {V} [instead|]', 'actually [i want|i wanted|make it] {V}', 'no, {T} not {X}',
      '[actually|wait|no] [make it|i want it|go with] the same {A} as {S} instead', '[actually|hmm] [do|make it] {T} [instead|then]',
      '[hmm no|no|nope|hmm|ugh no|sorry no][,|] {T}', '[no|hmm no|nope] {T} [in the|at the|on the] {P}', '[actually|hmm actually] [do|make it] [both|all] of {T}',
      '[no|hmm no|wait no][,|] back to {V} [please|]', '[actually|hmm] change [it|them] back[,|] i [prefer|want|liked] {V}',
      '[wait no|no wait|hmm][,|] change {T} back[,|] i want [it|them] {V} [after all|again|]', '[actually|hmm] {T2} can stay {V}',
      '[actually|hmm|no] not {T2}[,|] keep [that|it|that one] {V}', 'except {T2}[,|] [keep|leave] [that|it|that one] {V}', 'not {T2} though',
      'except {T2}[,|] leave [that one|it] {V}', '[hmm|ok] [just|only] {T} [then|please|actually]', 'no, i [meant|mean] {T}, not {X}',
    ],
  },
  {
    op: 'undo',
    templates: [
      'undo', 'undo [that|it|this|the last one|the last change|the last edit|last|the last thing|my last change|that last one]', 'undo [please|pls|thanks]',
      '[please|can you|could you|pls] undo [that|it|]', 'go back', 'go back [one|a] step', 'go back {N} [steps|changes|times]', 'undo the last {N} [changes|edits|steps|things]',
      'undo {N} times', 'undo x{N}', '[back|step back|back one]', 'take [that|it] back', '[revert|reverse] [that|it|the last change|]', 'oops[,|] undo [that|]',
      'oops', 'put [it|them] back', 'put [it|them|everything] back [how|the way] [it|they] [was|were]', 'change [it|that|them] back', 'that was [wrong|a mistake|bad]',
      '[no|nope|ugh|hmm] go back', 'ctrl z', 'i [did not|didnt] like that', 'i changed my mind', '[lets|let us] go back', 'go back to how it was',
      'restore [it|that|them]', 'forget that', 'scratch that', 'cancel that', 'bring [it|them] back', 'undo undo', '[no|nope|ugh] undo [it|that|]', 'revert the last [edit|change]',
      'i [dont|do not] like [that|it|this], undo [it|]', 'make it [like|how] it was', 'not like that, [go back|undo]', 'undo that change',
      'take back the last {N} [changes|steps]', 'go back {N}', 'undo the last {N}', 'that [looks|is] worse, undo', 'undo [again|once more|one more time|another one]',
      '[please|kindly|would you] take back that last [alteration|change|edit]', 'could you restore it', 'i [rather|kind of] miss it[,|.] [could you|can you] [restore it|bring it back]',
      '[actually|ok|nvm] [bring|put] [it|them] back[,|] [it was|they were] [nice|fine|better]', '[nvm|never mind] put it back', 'scratch that last one',
      '[ugh|hmm|no] that looks [bad|worse|awful], undo', 'put [the|that] {X} back how it was', 'go back a step', 'revert', 'reverse that',
      '[actually|ok|hmm] [just|] put them [both|all|] back', '[no|ok|actually] bring [it|them] back [actually|], [it was|they were|medium was|that was] [nice|fine|better]',
      '[ah|hmm|oh][,|] no[.|,] put it back where it was[, please|]', 'i think that was a mistake[.|,] [please|] [take back|undo] that last [alteration|change]',
    ],
  },
  {
    op: 'redo',
    templates: [
      'redo', 'redo [that|it|the last change|please]', '[actually|hmm|ok|wait no|no wait] redo [that|it|]', 'undo the undo', 'go forward', '[bring|put] it back again',
      'actually [i liked|keep] [that|it][,|] redo [it|]', 'ctrl y', 'redo {N} times', 'reapply [that|it]', 'forward [one|a] step',
      'redo the last {N}', 'actually i want [that|it] back', 'redo pls', 'redo the [star|circle|last] thing[,|] [changed my mind|i liked it]',
      '[ugh fine|ok fine|fine][,|] redo it[,|] [dots are ok|it was fine|i liked it|]', 'no wait[,|] redo [it|that][,|] i liked [it|the yellow crosses|them]', 'redo [that|it] [after all|again]',
      'redo the [star|circle|heart|last|colour] thing[,|] changed my mind [again|]',
    ],
  },
  {
    op: 'reset',
    templates: [
      'start over', 'reset [it|everything|the picture|the image|all|]', '[go|take me] back to the [original|start|beginning] [picture|image|one|]',
      'restore the original [picture|image|]', 'undo [everything|all|all of it|all changes|all the changes]', 'start [again|from scratch|afresh|fresh|over]',
      'scrap [all that|everything|it all|all of it][,|] [start again|start fresh|start over|go back to the original|]', '[lets|let us|can we|please] start over', 'begin again',
      'revert [to the original|everything|all]', 'from the [top|beginning|start]', '[original|the original] [please|picture please|]', 'take it all back',
      'clear all [the|my|] changes', 'back to [square one|the start|the original|the beginning]', 'reset to the original', 'throw it all away and start again',
      'i want the original back', 'go back to how it was at the [very|] [beginning|start]', '[ugh|meh|ok] [lets|let us] start over [from scratch|]',
      'can we start again from scratch', 'put everything back how it was', 'start again from scratch', 'everything back to the way it was',
    ],
  },
  {
    op: 'question',
    templates: [
      'what [color|colour|shape|size|pattern|texture] is {T} [again|now|]', 'how many {T} [are there|do i have|are in the picture|are there now|]', 'is there {T} [anywhere|]',
      'are there [any|] {T}', 'what is {D}', 'whats {D} [now|]', 'what [is|shape is] [in|at] the {P}', 'where is {T}', 'which one is {V}', 'is {T} {V}',
      'does {T} have [stripes|dots|a pattern]', 'what is [left of|right of|above|below|next to] {T}', 'can you tell me the [color|colour|size] of {T}',
      'what [do i have|is there|is in the picture|shapes are there]', 'describe the picture', 'how big is {T}', 'what does {T} look like',
      'which [shape|one] is {D}', 'how many [shapes|things|objects] are there [now|]', 'is {T} [striped|dotted|solid|big|small]', 'what color are {T}',
      'whats in the {P} [now|]', 'how many {T} [are there|], please', '{T}[:|,|-] what [pattern|colour|color|size|shape] [has it got|is it|does it have]',
      'what [pattern|colour|color] has {T} got', 'i cannot [quite|] make out {T}[,|] what [colour|pattern] is it',
    ],
  },
  {
    op: 'select',
    templates: [
      '{T}', '{T}', '{T}', '{T}', '[i mean|i meant|the|its|it is|i am talking about|i want|whichever is] {T}', '{T} [please|pls|thanks|]', '[oh|um|uh|hmm|] {T}',
      '{T}[,|] the one {P}', 'the one {P}', '[in|at|on] the {P}', 'the {P} [one|please|]', '[its|it is|its the] {T}', '{P}', '[both|both of them|all of them|both please|uh both of em|all]',
      '[the first|the second|the third|the last] [one|]', 'the one [i just changed|you just changed|i just made|we just did]', '{T}, [i think|i guess|please]',
      '{T}[,|] if you [please|would|would be so good|would be so kind]', 'the {P}[,|] if you [please|would be so good]', 'whichever is {T}', '[both|all] of [them|em|those] [please|]',
    ],
  },
  {
    op: 'yes',
    templates: ['[yes|yeah|yep|yup|sure|ok|okay|do it|go ahead|correct|right|that is right|exactly|please do|yes please|yes do it|absolutely|of course|definitely|affirmative|uh huh|sounds good|perfect|that is it|y|yes thats right|yes that one|go for it|right on|indeed|please|yes go ahead|yeah do it|ok do it|sure thing]'],
  },
  {
    op: 'no',
    templates: ['[no|nope|nah|no thanks|not that|wrong|that is wrong|dont|no dont|negative|not quite|n|no thank you|no no|definitely not|not really|dont do that|no leave it]'],
  },
  {
    op: 'cancel',
    templates: ['[never mind|nevermind|forget it|cancel|stop|skip it|leave it|dont bother|nothing|leave it as it is|its fine|no change|keep it|forget about it|ignore that|nvm|leave it alone|none of them|neither|actually never mind]'],
  },
  {
    op: 'other',
    templates: [
      '[hello|hi|hey|hi there|good morning|good afternoon|good evening|thanks|thank you|cool|nice|great|lol|awesome|wow|beautiful|love it|i love it|this is great|perfect thanks|ok thanks|haha|splendid|lovely|very nice|very good|i see|excellent|marvellous|brilliant|sweet|neat|hmm ok|alright]',
      '[what can you do|help|how does this work|who are you|what is this|tell me a joke|what time is it|how are you]',
      '[animate it|blur it|zoom in|rotate {T}|flip {T} upside down|spin {T}|tilt {T}|make {T} glow|make {T} blink|crop it|save it|print it]',
      '[blah blah|hmm|uh|test|testing|lorem ipsum]', '[draw me a cat|add a dog|put a tree {D}|make a house|draw a car {D}|add some text|write my name]',
      '[lots of|so much|too much] [color|colour] [here|in this|on here]', 'everything is [so|too|a bit] [flat|busy|plain|loud|crowded]', '[i perceive|i see|there are] a [great|good] many {T} here',
      '[hmm|ok|right] [now|so] [everything|it all] [is|looks] [green|red|blue|messy|busy]', '[i|we] [am|are] [nearly|almost] done', 'that is [better|much better|nice|great]',
      '{T} [looks|is] [quite|rather|so|a bit] [forlorn|lonely|lost|sad|out of place|odd]', '[everythings|everything is] [stripy|dotty|green|yellow|pink|so flat|so busy]',
      '[ah|oh|hmm][,|] [violet|purple|green|blue|red]', 'very well', 'i see', 'good morning', 'thank you', 'splendid', '[so much|lots of|too much] [violet|yellow|grey|pink|blue] [here|on here|in this|]',
    ],
  },
];

/** The instruction generator's own train-split frames (src/domains/shapes-v1/templates.ts) in this template language, so the
 * tagger reads what the edit-model data and the generated dialogues say; held-out frames stay unseen. */
const GRAMMAR_OPS: Partial<Record<keyof typeof FRAMES, Op>> = {
  recolor: 'set', reshape: 'set', resizeAbsolute: 'set', retexture: 'set', addTexture: 'set', removeTexture: 'set', same: 'copy',
  bigger: 'more', smaller: 'less', remove: 'remove', add: 'add', move: 'move', put: 'move', swap: 'swap',
};
export const GRAMMAR_TEMPLATES: readonly TemplateSet[] = Object.entries(GRAMMAR_OPS).map(([key, op]) => ({
  op: op!,
  templates: FRAMES[key as keyof typeof FRAMES].both.map((f) => f.replace(/\{[CAZTNXO]\}/g, '{V}').replace(/\{M\}/g, '{OLD}').replace(/\{Q\}/g, 'the same {A} as {S}')
    .replace(/\{R2\}/g, '{T2}').replace(/\{R\}/g, '{T}').replace(/\{P\}/g, '{D}')),
}));
/** First sentences that point at an object before a request about "it" ("see the star? make it red"). */
export const FOCUS = ['see {T}?', 'look at {T}.', '{T}.', 'there is {T}.', 'you see {T}?', 'the {T}?', '{T}:', 'about {T}:'];
